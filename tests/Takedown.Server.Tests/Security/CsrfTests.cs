using System.Net;
using System.Net.Http.Json;
using Takedown.Server.Auth;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Security;

/// <summary>State-changing API calls made with the session cookie need the anti-forgery header; API keys do not.</summary>
public sealed class CsrfTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpClient Client, HttpClientHandler Handler)> SignInAsync(ServiceHost host, string username, string role)
    {
        using HttpClient admin = host.WithKey(host.AdminKey);
        (await admin.PostAsJsonAsync("api/v1/admin/users", new { username, password = "correct horse battery", role }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        var browser = new HttpClient(handler) { BaseAddress = host.Server.BaseAddress };
        (await browser.PostAsJsonAsync("api/v1/auth/login", new { username, password = "correct horse battery" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (browser, handler);
    }

    [Fact]
    public async Task CookieCall_StateChangingWithoutToken_IsRefused_WithTokenSucceeds()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        SubmitResult filed = await Requests.FileAsync(host.Anonymous(), Requests.Complete("p/1.jpg"), Ct);
        (HttpClient browser, HttpClientHandler handler) = await SignInAsync(host, "carla", "moderator");
        using (handler)
        using (browser)
        {
            // Reads need no token.
            (await browser.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

            // A forged POST (the browser sends the cookie, the page cannot add the header) is refused as problem+json...
            HttpResponseMessage forged = await browser.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "forged" }, Ct);
            forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            forged.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await forged.Content.ReadAsStringAsync(Ct)).ShouldContain(ApiAntiforgery.HeaderName);
            browser.DefaultRequestHeaders.Add(ApiAntiforgery.HeaderName, "not-a-token");
            (await browser.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/claim", new { force = false }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await browser.PostAsync("api/v1/auth/logout", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

            // ...and nothing was changed by them.
            using HttpClient moderatorKey = host.WithKey(host.ModeratorKey);
            CaseDetailView detail = await (await moderatorKey.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
            detail.Notes.ShouldBeEmpty();
            detail.ClaimedBy.ShouldBeNull();

            // With the session's token the same calls work.
            await CookieSessions.UseAntiforgeryAsync(browser, Ct);
            (await browser.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "genuine" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await browser.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/claim", new { force = false }, Ct)).IsSuccessStatusCode.ShouldBeTrue();
            (await browser.PostAsync("api/v1/auth/logout", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await browser.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task CookieCall_WithAnotherSessionsToken_IsRefused()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        SubmitResult filed = await Requests.FileAsync(host.Anonymous(), Requests.Complete("p/1.jpg"), Ct);
        (HttpClient attacker, HttpClientHandler attackerHandler) = await SignInAsync(host, "mallory", "moderator");
        (HttpClient victim, HttpClientHandler victimHandler) = await SignInAsync(host, "victoria", "moderator");
        using (attackerHandler)
        using (attacker)
        using (victimHandler)
        using (victim)
        {
            string attackersToken = await CookieSessions.UseAntiforgeryAsync(attacker, Ct);

            victim.DefaultRequestHeaders.Add(ApiAntiforgery.HeaderName, attackersToken);

            (await victim.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "forged" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await attacker.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "own session" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task ApiKeyCall_WithoutToken_IsUnaffected_AndAnonymousIntakeToo()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient anonymous = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient admin = host.WithKey(host.AdminKey);

        SubmitResult filed = await Requests.FileAsync(anonymous, Requests.Complete("p/1.jpg"), Ct);

        (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "by key" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/claim", new { force = false }, Ct)).IsSuccessStatusCode.ShouldBeTrue();
        (await admin.PostAsJsonAsync("api/v1/admin/users", new { username = "keyed", password = "correct horse battery", role = "moderator" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await anonymous.PostAsync($"api/v1/requests/{filed.CaseNumber}/withdraw?token={filed.StatusToken}", null, Ct)).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task AntiforgeryTokenEndpoint_WithoutSession_IsUnauthorized()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient anonymous = host.Anonymous();

        (await anonymous.GetAsync("api/v1/auth/antiforgery", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
