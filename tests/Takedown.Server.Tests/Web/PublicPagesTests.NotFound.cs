using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Takedown.Core.Requests;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Web;

/// <summary>Not-found answers and the accessibility smoke check over every public page.</summary>
public sealed partial class PublicPagesTests
{
    [Fact]
    public async Task UnknownPageOrCase_Browser_Friendly404Page()
    {
        // Given a visitor on a phone
        IPage page = await web.NewPageAsync(phone: true);

        // When they open an address that does not exist
        IResponse? response = await page.GotoAsync("/no-such-page/at-all");

        // Then the status is 404 and the page helps them on
        response!.Status.ShouldBe(404);
        (await page.TextContentAsync("h1"))!.ShouldContain("could not find that page");
        (await page.Locator("#not-found a[href='/report']").CountAsync()).ShouldBe(1);
        await Accessibility.AssertPassesAsync(page);
        await WebFixture.ScreenshotAsync(page, "not-found");

        // And an unknown case number on the status page is a 404 too
        response = await page.GotoAsync("/request-status?case=TD-0000-0000&token=not-a-token");
        response!.Status.ShouldBe(404);
        (await page.TextContentAsync("h1"))!.ShouldContain("could not find this request");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnknownAddress_ApiClient_Plain404NotHtml()
    {
        // Given a client that is not a browser
        using var client = new HttpClient { BaseAddress = web.Server.BaseAddress };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // When it calls unknown addresses
        HttpResponseMessage api = await client.GetAsync("api/v1/no-such-endpoint", TestContext.Current.CancellationToken);
        HttpResponseMessage other = await client.GetAsync("no-such-page", TestContext.Current.CancellationToken);

        // Then both are 404 without the HTML page
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("<html");
        (await other.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("<html");

        // And a browser-like request for an unknown page gets the HTML page with 404
        using var html = new HttpRequestMessage(HttpMethod.Get, "no-such-page");
        html.Headers.Accept.ParseAdd("text/html");
        HttpResponseMessage page = await client.SendAsync(html, TestContext.Current.CancellationToken);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("We could not find that page");
    }

    [Fact]
    public async Task PublicPages_Every_PassesAccessibilitySmokeCheck()
    {
        // Given an incomplete case, so the status page shows its fields and errors
        SubmitResult filed = await web.Get<CaseService>().SubmitAsync(
            new RemovalRequest { Locations = ["https://platform.example/a11y.jpg"], ContactEmail = "a11y@example.org" }, TestContext.Current.CancellationToken);
        IPage page = await web.NewPageAsync();

        // When each public page is opened (and the form is sent empty, so every error shows)
        foreach (string url in new[] { "/", "/how-it-works", "/report", "/request-status", "/login", "/missing", $"/request-status?case={filed.CaseNumber}&token={filed.StatusToken}" })
        {
            await page.GotoAsync(url);

            // Then each passes the smoke check
            await Accessibility.AssertPassesAsync(page);
        }

        await page.GotoAsync("/report");
        await page.ClickAsync("button[type=submit]:has-text('Send request')");
        await page.Locator("#error-summary").WaitForAsync();
        await Accessibility.AssertPassesAsync(page);
        await page.Context.CloseAsync();
    }
}
