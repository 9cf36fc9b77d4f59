using System.Net;
using Microsoft.Playwright;
using Takedown.Core.Media;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Web;

/// <summary>The requester's side in a real browser: the form, errors tied to fields, the status page, on-device hashing.</summary>
public sealed partial class PublicPagesTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task RequestForm_MissingSignature_ErrorTiedToFieldThenCompletedAndWithdrawn()
    {
        // Given a victim on a phone who reads the policy page and opens the form
        IPage page = await web.NewPageAsync(phone: true);
        await page.GotoAsync("/");
        await WebFixture.ScreenshotAsync(page, "home");
        await page.ClickAsync("header >> text=How removal works");
        (await page.TextContentAsync("h1"))!.ShouldContain("How we remove intimate images");
        await WebFixture.ScreenshotAsync(page, "how-it-works");
        await page.GotoAsync("/report");
        await WebFixture.ScreenshotAsync(page, "report");

        // When they send it without signing
        await page.FillAsync("#locations", "https://platform.example/content/bridge-1-original.jpg");
        await page.CheckAsync("#good-faith");
        await page.FillAsync("#contact-email", "victim@example.org");
        await page.ClickAsync("button[type=submit]:has-text('Send request')");

        // Then the case is kept, with a number and a private link, and the missing element is tied to its field
        await WebFixture.WaitForPageAsync(page, url => url.Contains("/request-status?case=", StringComparison.Ordinal) && url.Contains("filed=1", StringComparison.Ordinal));
        string caseNumber = (await page.TextContentAsync("#case-number"))!.Trim();
        caseNumber.ShouldMatch("^TD-[0-9A-Z]{4}-[0-9A-Z]{4}$");
        (await page.GetAttributeAsync("#status-link", "href"))!.ShouldContain("token=");
        (await page.TextContentAsync("#case-status"))!.ShouldContain("Incomplete");
        ILocator name = page.Locator("#signature-name");
        (await name.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await name.GetAttributeAsync("aria-describedby"))!.Split(' ').ShouldContain("err-signature-name");
        (await page.TextContentAsync("#err-signature-name"))!.ShouldContain("Type your full name");
        (await page.Locator("#error-summary a[href='#signature-name']").CountAsync()).ShouldBe(1);
        await WebFixture.ScreenshotAsync(page, "status-incomplete");

        // When they add the signature
        await page.FillAsync("#signature-name", "Alex Example");
        await page.CheckAsync("#signature-attested");
        await page.ClickAsync("button:has-text('Add to my request')");

        // Then the request is complete and waits for review
        await page.WaitForSelectorAsync("#case-status:has-text('waiting for review')");
        (await page.Locator("#signature-name").CountAsync()).ShouldBe(0);
        (await page.TextContentAsync(".item-list"))!.ShouldContain("bridge-1-original.jpg");
        await WebFixture.ScreenshotAsync(page, "status-open");

        // When they withdraw (the box must be ticked first)
        await page.ClickAsync("button:has-text('Withdraw request')");
        (await page.TextContentAsync("#err-withdraw-confirm"))!.ShouldContain("Tick the box");
        await page.CheckAsync("#withdraw-confirm");
        await page.ClickAsync("button:has-text('Withdraw request')");

        // Then the status page says so
        await page.WaitForSelectorAsync("#case-status:has-text('Withdrawn')");
        await WebFixture.ScreenshotAsync(page, "status-withdrawn");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RequestForm_PhotoHashedOnDevice_EqualsServerHashAndPhotoNeverSent()
    {
        // Given the form, with every request the page makes recorded
        string photo = Path.Combine(WebFixture.ReferencePdq, "pixels", "bridge-1-original.jpg.pixels.png");
        byte[] bytes = await File.ReadAllBytesAsync(photo, TestContext.Current.CancellationToken);
        MediaHashes server = await web.Get<MediaHasher>().HashAsync(bytes, TestContext.Current.CancellationToken);
        IPage page = await web.NewPageAsync();
        var sent = new List<(string Method, string Url, string? ContentType, byte[]? Body)>();
        page.Request += (_, request) => sent.Add((request.Method, request.Url, request.Headers.GetValueOrDefault("content-type"), request.PostDataBuffer));
        await page.GotoAsync("/report");

        // When the requester chooses the photo
        await page.SetInputFilesAsync("#photo", photo);
        // (A locator assertion, not WaitForFunction: the page's CSP forbids the eval a string predicate needs.)
        // (Hashing runs in the browser: on a loaded CI machine it can take longer than the assertion's 5-second default.)
        await Assertions.Expect(page.Locator("#device-hashes")).Not.ToHaveValueAsync("", new() { Timeout = 60_000 });
        string deviceHash = await page.InputValueAsync("#device-hashes");

        // Then the browser's hash equals the server's hash of the same file
        deviceHash.ShouldBe($"{server.Pdq},{server.PdqQuality}");
        (await page.TextContentAsync("#hash-status"))!.ShouldContain("not the photo");
        (await page.GetAttributeAsync("#photo", "name")).ShouldBeNull();

        // When the request is sent
        await page.FillAsync("#locations", "bridge-1-original.jpg");
        await page.CheckAsync("#good-faith");
        await page.FillAsync("#contact-email", "victim@example.org");
        await page.FillAsync("#signature-name", "Sam Example");
        await page.CheckAsync("#signature-attested");
        await page.ClickAsync("button[type=submit]:has-text('Send request')");
        await WebFixture.WaitForPageAsync(page, url => url.Contains("/request-status?case=", StringComparison.Ordinal) && url.Contains("filed=1", StringComparison.Ordinal));
        string caseNumber = (await page.TextContentAsync("#case-number"))!.Trim();

        // Then no request carried the photo: nothing multipart, no body containing its bytes, only the hash was posted
        sent.ShouldContain(r => r.Method == "POST");
        sent.ShouldNotContain(r => r.ContentType != null && r.ContentType.Contains("multipart", StringComparison.OrdinalIgnoreCase));
        byte[] probe = bytes.AsSpan(bytes.Length / 2, 32).ToArray();
        sent.Any(r => Carries(r.Body, probe)).ShouldBeFalse();
        sent.ShouldAllBe(r => r.Body == null || r.Body.Length < bytes.Length);
        string form = System.Text.Encoding.UTF8.GetString(sent.Single(r => r.Method == "POST").Body!);
        WebUtility.UrlDecode(form).ShouldContain($"Form.DeviceHashes={server.Pdq},{server.PdqQuality}");

        // And the case carries the device hash for the moderators
        CaseDetailView detail = await web.Get<CaseService>().GetForModeratorAsync(caseNumber, "user:test", TestContext.Current.CancellationToken);
        detail.Notes.ShouldContain(n => n.Body.Contains($"pdq {server.Pdq} quality {server.PdqQuality}", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private static bool Carries(byte[]? body, byte[] probe) => body is not null && body.AsSpan().IndexOf(probe) >= 0;

    [Fact]
    public async Task StatusPage_WrongToken_SaysNotFoundWithoutTellingWhich()
    {
        // Given a filed case
        SubmitResult filed = await web.Get<CaseService>().SubmitAsync(new Takedown.Core.Requests.RemovalRequest { Locations = ["aaa-orig.jpg"] }, TestContext.Current.CancellationToken);
        IPage page = await web.NewPageAsync(phone: true);

        // When someone tries its number with a wrong token
        await page.GotoAsync($"/request-status?case={filed.CaseNumber}&token=wrong");

        // Then the page refuses without saying which part is wrong, and shows nothing of the case
        (await page.TextContentAsync("h1"))!.ShouldContain("could not find");
        (await page.ContentAsync()).ShouldNotContain("aaa-orig.jpg");
        await WebFixture.ScreenshotAsync(page, "status-not-found");
        await page.GotoAsync("/request-status");
        await WebFixture.ScreenshotAsync(page, "status-lookup");
        await page.Context.CloseAsync();
    }
}
