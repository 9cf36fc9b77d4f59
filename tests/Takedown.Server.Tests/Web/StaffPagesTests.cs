using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Takedown.Core.Requests;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Web;

/// <summary>Moderators and admins in a real browser: login, queue, case page, decision, audit trail, keys, reports.</summary>
public sealed partial class StaffPagesTests(WebFixture web) : IClassFixture<WebFixture>
{
    private const string Hostile = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"><b>bold</b>";

    [Fact]
    public async Task Moderator_SignsInAndRemoves_AuditTrailShownAndHostileInputInert()
    {
        // Given a complete request whose fields carry script and HTML, filed through the public form
        IPage victim = await web.NewPageAsync();
        await victim.GotoAsync("/report");
        await victim.FillAsync("#locations", "bridge-1-original.jpg");
        await victim.FillAsync("#description", Hostile);
        await victim.CheckAsync("#good-faith");
        await victim.FillAsync("#good-faith-statement", Hostile);
        await victim.FillAsync("#contact-email", "victim@example.org");
        await victim.FillAsync("#signature-name", Hostile);
        await victim.CheckAsync("#signature-attested");
        await victim.ClickAsync("button[type=submit]:has-text('Send request')");
        await WebFixture.WaitForPageAsync(victim, url => url.Contains("/request-status?case=", StringComparison.Ordinal));
        string caseNumber = (await victim.TextContentAsync("#case-number"))!.Trim();
        await victim.Context.CloseAsync();

        // When a signed-out visitor opens the queue, they are sent to the login page
        IPage page = await web.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => dialogs.Add(d.Message);
        await page.GotoAsync("/moderate");
        page.Url.ShouldContain("/login?ReturnUrl=%2Fmoderate");
        await WebFixture.ScreenshotAsync(page, "login");

        // When a moderator signs in
        await WebFixture.SignInAsync(page, "mod");

        // Then the queue lists the case with its time left
        page.Url.ShouldEndWith("/moderate");
        ILocator row = page.Locator("#queue tr", new PageLocatorOptions { HasText = caseNumber });
        (await row.CountAsync()).ShouldBe(1);
        (await row.Locator(".countdown").TextContentAsync())!.ShouldMatch(@"^\d+ h( \d+ min)? left$");
        await WebFixture.ScreenshotAsync(page, "queue");

        // When they open the case
        await row.Locator("a").ClickAsync();
        await page.WaitForSelectorAsync("#request-fields");

        // Then the hostile fields render as text and nothing ran
        (await page.Locator("#request-fields").InnerTextAsync()).ShouldContain("<script>window.__xss = 1</script>");
        (await page.Locator("#request-fields script, #request-fields img, #request-fields b").CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'")).ShouldBeTrue();
        dialogs.ShouldBeEmpty();
        (await page.Locator(".evidence-item img").CountAsync()).ShouldBe(1);
        (await page.Locator(".evidence-item img").EvaluateAsync<string>("img => getComputedStyle(img).filter")).ShouldContain("blur");
        await WebFixture.ScreenshotAsync(page, "case-open");

        // When they decide with the keyboard shortcut and a reason
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("r");
        (await page.IsCheckedAsync("input[name='Decide.Kind'][value='remove']")).ShouldBeTrue();
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("decide-reason");
        await page.Keyboard.TypeAsync("Requester depicted; intimate; non-consent stated. Good-faith removal.");

        // And tick the reviewer checklist's three grounds (VAL-2), labelled in plain words.
        await page.GetByLabel("The requester is the person shown, or is authorised to act for them").CheckAsync();
        await page.GetByLabel("The content is intimate (law and platform policy)").CheckAsync();
        await page.GetByLabel("It was published without the person's consent").CheckAsync();
        await page.FocusAsync("#decide-reason");
        await page.Keyboard.PressAsync("Control+Enter");

        // Then the content is removed and every step is in the audit trail
        await page.WaitForSelectorAsync("#flash:has-text('Decision recorded')");
        (await page.TextContentAsync("#case-status"))!.ShouldContain("Removed");
        string audit = (await page.Locator("#audit-trail").InnerTextAsync())!;
        audit.ShouldContain("case.created");
        audit.ShouldContain("decision.recorded");
        audit.ShouldContain("decision.checklist");
        audit.ShouldContain("item.removed");
        audit.ShouldContain("user:mod");
        (await page.Locator("#decisions").InnerTextAsync()).ShouldContain("Good-faith removal");
        File.Exists(Path.Combine(web.PlatformFolder, "bridge-1-original.jpg")).ShouldBeFalse();
        await WebFixture.ScreenshotAsync(page, "case-removed");

        // And the session cookie is HttpOnly and SameSite=Strict (Secure is set when served over https)
        BrowserContextCookiesResult session = (await page.Context.CookiesAsync()).Single(c => c.Name == "takedown.session");
        session.HttpOnly.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Strict);
        BrowserContextCookiesResult antiforgery = (await page.Context.CookiesAsync()).Single(c => c.Name == "takedown.antiforgery");
        antiforgery.HttpOnly.ShouldBeTrue();

        // And a moderator cannot open admin pages
        await page.GotoAsync("/admin/keys");
        page.Url.ShouldContain("denied=1");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_CreatesAndRevokesApiKey_KeyWorksUntilRevoked()
    {
        // Given a signed-in admin on the keys page
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/admin/keys");
        await WebFixture.SignInAsync(page, "admin");
        page.Url.ShouldEndWith("/admin/keys");

        // When they create a key with the check scope
        await page.FillAsync("#key-name", "upload service");
        await page.CheckAsync("input[name='Create.Scopes'][value='check']");
        await page.ClickAsync("button:has-text('Create key')");

        // Then it is shown once and works
        string key = (await page.TextContentAsync("#new-key"))!.Trim();
        key.ShouldStartWith("tdk_");
        await WebFixture.ScreenshotAsync(page, "admin-keys-created");
        using var client = new HttpClient { BaseAddress = web.Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var body = new { pdq = new string('0', 64) };
        (await client.PostAsJsonAsync("api/v1/check", body, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await page.GotoAsync("/admin/keys");
        (await page.Locator("#new-key").CountAsync()).ShouldBe(0);

        // When they revoke it
        await page.ClickAsync("#keys tr:has-text('upload service') button:has-text('Revoke')");

        // Then the page says so and the key no longer works
        (await page.TextContentAsync("#revoked-flash"))!.ShouldContain("upload service");
        (await page.Locator("#keys tr", new PageLocatorOptions { HasText = "upload service" }).InnerTextAsync()).ShouldContain("Revoked");
        (await client.PostAsJsonAsync("api/v1/check", body, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_Pages_ShowUsersBanksJurisdictionsAndReportsWithCsv()
    {
        // Given a removed case, so the bank and the reports have something to show
        CaseService cases = web.Get<CaseService>();
        SubmitResult filed = await cases.SubmitAsync(new RemovalRequest
        {
            SignatureName = "Kim Example", SignatureAttested = true, Locations = ["aaa-orig.jpg"], GoodFaithAttested = true, ContactEmail = "kim@example.org",
        }, TestContext.Current.CancellationToken);
        await cases.DecideAsync(filed.CaseNumber, "user:admin", Takedown.Core.Cases.DecisionKind.Remove, "apparent from the facts", new Takedown.Core.Cases.ReviewChecklist { DepictedOrAuthorised = true, Intimate = true, NonConsent = true }, TestContext.Current.CancellationToken);
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/admin");
        await WebFixture.SignInAsync(page, "admin");
        await WebFixture.ScreenshotAsync(page, "admin");

        // When the admin adds a moderator
        await page.GotoAsync("/admin/users");
        await page.FillAsync("#new-username", "newmod");
        await page.ClickAsync("button:has-text('Add account')");

        // Then a generated password is shown once and the account is listed with its role
        (await page.TextContentAsync("#new-password"))!.Trim().Length.ShouldBeGreaterThanOrEqualTo(20);
        (await page.Locator("#users tr", new PageLocatorOptions { HasText = "newmod" }).InnerTextAsync()).ShouldContain("moderator");
        (await page.Locator("#users").InnerTextAsync()).ShouldContain("admin");
        await WebFixture.ScreenshotAsync(page, "admin-users");

        // And the bank counts the removed image's hashes, and exports them
        await page.GotoAsync("/admin/banks");
        (await page.Locator("#bank-stats .stat-value").Nth(1).TextContentAsync()).ShouldNotBe("0");
        await WebFixture.ScreenshotAsync(page, "admin-banks");
        IDownload bank = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href='/admin/banks/sha256.txt']"));
        (await File.ReadAllTextAsync((await bank.PathAsync())!, TestContext.Current.CancellationToken)).ShouldContain("," + filed.CaseNumber);

        await page.GotoAsync("/admin/jurisdictions");
        (await page.Locator("#jurisdictions").InnerTextAsync()).ShouldContain("48 hours");
        await WebFixture.ScreenshotAsync(page, "admin-jurisdictions");

        // And the reports count the request and the removal, with each chart downloadable as CSV
        await page.GotoAsync("/admin/reports");
        int.Parse((await page.TextContentAsync("#stat-requests"))!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        (await page.TextContentAsync("#stat-within"))!.ShouldBe("100%");
        (await page.Locator(".chart svg rect").CountAsync()).ShouldBeGreaterThan(0);
        await WebFixture.ScreenshotAsync(page, "admin-reports");
        IDownload csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#chart-time a.csv-link"));
        string text = await File.ReadAllTextAsync((await csv.PathAsync())!, TestContext.Current.CancellationToken);
        text.ShouldStartWith("case_number,received_at,due_at,removed_at,hours_to_removal,within_deadline");
        text.ShouldContain(filed.CaseNumber + ",");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Refused()
    {
        // Given a client that posts the request form without the anti-forgery token
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = web.Server.BaseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "request",
            ["Form.Locations"] = "aaa-orig.jpg",
            ["Form.ContactEmail"] = "forged@example.org",
        });

        // When it posts
        HttpResponseMessage response = await client.PostAsync("report", form, TestContext.Current.CancellationToken);

        // Then the post is refused and no case is filed
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();

        // And staff pages and downloads need a login; pages send the visitor to it
        HttpResponseMessage queue = await client.GetAsync("moderate", TestContext.Current.CancellationToken);
        queue.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        queue.Headers.Location!.ToString().ShouldContain("/login?ReturnUrl=%2Fmoderate");
        (await client.GetAsync("admin/reports/requests.csv", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("moderate/cases/TD-0000-0000/items/1/preview", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // And pages carry a strict content security policy
        HttpResponseMessage home = await client.GetAsync("report", TestContext.Current.CancellationToken);
        home.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        home.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
    }
}
