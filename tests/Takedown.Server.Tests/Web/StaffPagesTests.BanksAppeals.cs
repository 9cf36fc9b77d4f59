using System.Text;
using Microsoft.Playwright;
using Takedown.Core.Audit;
using Takedown.Core.Cases;
using Takedown.Core.Requests;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Web;

/// <summary>Bank list import and export, and the moderators' appeals page.</summary>
public sealed partial class StaffPagesTests
{
    private const string PdqA = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6339c4e9c9b22";
    private const string PdqB = "30a10efd71cc3d429013d48d0ffffc52e34e0e17ada952a9d29685211ea9e5af";

    [Fact]
    public async Task Admin_Banks_BadListNamesEveryBadLineAndImportsNothing_GoodListsImportAndExport()
    {
        // Given a signed-in admin on the banks page
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/admin/banks");
        await WebFixture.SignInAsync(page, "admin");

        // When they upload an HMA CSV with two bad lines among good ones
        string bad = $"signal_type,signal_value,label\npdq,{PdqA},ok-1\npdq,not-a-hash,bad-1\npdq,{PdqB},ok-2\nshoe_size,42,bad-2\n";
        await UploadAsync(page, "PARTNER_LIST", "csv", "partner.csv", Encoding.UTF8.GetBytes(bad));

        // Then each bad line is listed by its number and nothing is imported
        string errors = (await page.InnerTextAsync("#import-errors"))!;
        errors.ShouldContain("Nothing was imported");
        errors.ShouldContain("Line 3:");
        errors.ShouldContain("Line 5:");
        errors.ShouldNotContain("Line 2:");
        (await page.Locator("#named-banks tr[data-bank='PARTNER_LIST']").CountAsync()).ShouldBe(0);
        await Accessibility.AssertPassesAsync(page);
        await WebFixture.ScreenshotAsync(page, "admin-banks-import-errors");

        // When they upload a ThreatExchange hash,label CSV and then `takedown hash` output into the same bank
        await UploadAsync(page, "partner_list", "auto", "te.csv", Encoding.UTF8.GetBytes($"hash,label\n{PdqA},from-te\n"));
        (await page.TextContentAsync("#import-flash"))!.ShouldContain("1 hashes added");
        await UploadAsync(page, "PARTNER_LIST", "hash", "hashes.txt", Encoding.UTF8.GetBytes($"{PdqB},100,/photos/b.jpg\n{PdqA},90,/photos/a.jpg\n"));

        // Then the bank holds both hashes
        (await page.TextContentAsync("#import-flash"))!.ShouldContain("1 hashes added");
        (await page.Locator("#named-banks tr[data-bank='PARTNER_LIST'] .bank-count").TextContentAsync()).ShouldBe("2");
        await WebFixture.ScreenshotAsync(page, "admin-banks-imported");

        // And it downloads as an HMA CSV with both
        IDownload csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#named-banks tr[data-bank='PARTNER_LIST'] a:has-text('CSV')"));
        string exported = await File.ReadAllTextAsync((await csv.PathAsync())!, Ct);
        exported.ShouldContain(PdqA);
        exported.ShouldContain(PdqB);
        exported.Split('\n')[0].ShouldContain("signal_value");

        // When a file is too big
        await UploadAsync(page, "BIG", "auto", "big.csv", new byte[(16 * 1024 * 1024) + 1]);

        // Then it is refused before parsing
        (await page.TextContentAsync("#import-errors"))!.ShouldContain("larger than 16 MB");

        // And imports and exports are audited
        string[] actions = (await ReadAuditAsync()).Where(e => e.Actor == "user:admin").Select(e => e.Action).ToArray();
        actions.Count(a => a == "bank.imported").ShouldBe(2);
        actions.ShouldContain("bank.exported");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Moderator_Appeals_GrantRestoresAndReleasesHashes_RejectKeepsDown()
    {
        // Given two removed images, each appealed by its uploader (one appeal carries markup)
        File.Copy(Path.Combine(WebFixture.ReferencePdq, "images", "misc-images", "small.jpg"), Path.Combine(web.PlatformFolder, "appeal-grant.jpg"));
        File.Copy(Path.Combine(WebFixture.ReferencePdq, "images", "misc-images", "modes", "RGB.jpg"), Path.Combine(web.PlatformFolder, "appeal-reject.jpg"));
        CaseService cases = web.Get<CaseService>();
        string granted = await RemoveAsync(cases, "appeal-grant.jpg");
        string rejected = await RemoveAsync(cases, "appeal-reject.jpg");
        (await BankEntriesAsync(granted)).ShouldNotBeEmpty();
        AppealView grantAppeal = await cases.FileAppealAsync(granted, "appeal-grant.jpg", "This is my own holiday photo <script>window.__xss = 1</script>", "key:test", Ct);
        AppealView rejectAppeal = await cases.FileAppealAsync(rejected, "appeal-reject.jpg", "Please put it back.", "key:test", Ct);

        // When a moderator opens the appeals page
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/moderate/appeals");
        await WebFixture.SignInAsync(page, "mod");

        // Then both open appeals are listed, the statement shown as text
        ILocator grantItem = page.Locator($"#appeal-{grantAppeal.Id}");
        (await grantItem.Locator(".appeal-statement").InnerTextAsync()).ShouldContain("<script>window.__xss = 1</script>");
        (await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'")).ShouldBeTrue();
        (await page.Locator($"#appeal-{rejectAppeal.Id}").CountAsync()).ShouldBe(1);
        await Accessibility.AssertPassesAsync(page);
        await WebFixture.ScreenshotAsync(page, "appeals");

        // When they grant without a reason, they are asked for one
        await grantItem.Locator("button:has-text('Grant')").ClickAsync();
        (await page.TextContentAsync($"#err-reason-{grantAppeal.Id}"))!.ShouldContain("Give a reason");

        // When they grant with a reason
        await page.FillAsync($"#reason-{grantAppeal.Id}", "The uploader shows it is their own photo; no intimate content.");
        await page.Locator($"#appeal-{grantAppeal.Id} button:has-text('Grant')").ClickAsync();

        // Then the content is back on the platform and its hashes left the bank
        (await page.TextContentAsync("#appeal-flash"))!.ShouldContain("granted");
        File.Exists(Path.Combine(web.PlatformFolder, "appeal-grant.jpg")).ShouldBeTrue();
        (await BankEntriesAsync(granted)).ShouldBeEmpty();
        (await page.Locator($"#appeal-{grantAppeal.Id}").CountAsync()).ShouldBe(0);

        // When they reject the other with a reason
        await page.FillAsync($"#reason-{rejectAppeal.Id}", "The requester is identifiable; removal stands.");
        await page.Locator($"#appeal-{rejectAppeal.Id} button:has-text('Reject')").ClickAsync();

        // Then it stays down, banked, and the decisions are audited
        (await page.TextContentAsync("#appeal-flash"))!.ShouldContain("stays down");
        File.Exists(Path.Combine(web.PlatformFolder, "appeal-reject.jpg")).ShouldBeFalse();
        (await BankEntriesAsync(rejected)).ShouldNotBeEmpty();
        (await page.Locator($"#appeal-{rejectAppeal.Id}").CountAsync()).ShouldBe(0);
        await WebFixture.ScreenshotAsync(page, "appeals-decided");
        IReadOnlyList<AuditEvent> audit = await ReadAuditAsync();
        audit.ShouldContain(e => e.Action == "appeal.granted" && e.CaseNumber == granted && e.Actor == "user:mod");
        audit.ShouldContain(e => e.Action == "bank.released" && e.CaseNumber == granted);
        audit.ShouldContain(e => e.Action == "appeal.denied" && e.CaseNumber == rejected && e.Actor == "user:mod");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Moderator_UnknownCaseNumber_404Page()
    {
        // Given a signed-in moderator
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/moderate");
        await WebFixture.SignInAsync(page, "mod");

        // When they open a case number that does not exist
        IResponse? response = await page.GotoAsync("/moderate/cases/TD-0000-0000");

        // Then the answer is 404 with a way back
        response!.Status.ShouldBe(404);
        (await page.TextContentAsync("h1"))!.ShouldBe("No such case");
        await Accessibility.AssertPassesAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task UploadAsync(IPage page, string bank, string format, string fileName, byte[] content)
    {
        await page.FillAsync("#import-bank", bank);
        await page.SelectOptionAsync("#import-format", format);
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
        await page.ClickAsync("button:has-text('Import list')");
        await page.WaitForSelectorAsync("#import-flash, #import-errors");
    }

    private static async Task<string> RemoveAsync(CaseService cases, string contentId)
    {
        SubmitResult filed = await cases.SubmitAsync(new RemovalRequest
        {
            SignatureName = "Robin Example", SignatureAttested = true, Locations = [contentId], GoodFaithAttested = true, ContactEmail = "robin@example.org",
        }, Ct);
        await cases.DecideAsync(filed.CaseNumber, "user:mod", DecisionKind.Remove, "intimate image; non-consent stated", new ReviewChecklist { DepictedOrAuthorised = true, Intimate = true, NonConsent = true }, Ct);
        return filed.CaseNumber;
    }

    private async Task<IReadOnlyList<BankEntry>> BankEntriesAsync(string caseNumber)
    {
        await using ITakedownSession session = await web.Get<ITakedownStore>().BeginAsync(write: false, Ct);
        CaseRecord c = (await session.GetCaseAsync(caseNumber, Ct))!;
        return await session.ListBankEntriesAsync(c.Id, Ct);
    }
}
