using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Takedown.Server.Auth;
using Takedown.Server.Endpoints;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

public sealed partial class SecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>API routes anyone may call (the public intake, the requester's token-protected case, login).</summary>
    private static readonly string[] s_publicRoutes =
    [
        "POST /api/v1/requests/", "GET /api/v1/requests/{caseNumber}", "POST /api/v1/requests/{caseNumber}/supplement",
        "POST /api/v1/requests/{caseNumber}/withdraw", "POST /api/v1/auth/login",

        // The exchange feed's public verification key is meant to be public.
        "GET /api/v1/exchange/feed/key",
    ];

    [Fact]
    public async Task EveryApiEndpoint_WithoutCredentialsOrWithWrongRole_IsRefused()
    {
        // Given every endpoint the application maps under /api/v1 (a new endpoint is picked up automatically).
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        List<RouteEndpoint> endpoints = host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true).ToList();
        endpoints.Count.ShouldBeGreaterThan(15);
        using HttpClient anonymous = host.Anonymous();
        int protectedCount = 0;

        foreach (RouteEndpoint endpoint in endpoints)
        {
            string method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            string route = $"{method} {endpoint.RoutePattern.RawText}";
            if (s_publicRoutes.Contains(route))
            {
                continue;
            }

            // Then it demands authorization and allows no anonymous access...
            IReadOnlyList<IAuthorizeData> authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            authorize.ShouldNotBeEmpty(route);
            endpoint.Metadata.GetMetadata<IAllowAnonymous>().ShouldBeNull(route);
            string path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, "1").TrimStart('/');

            // ...refuses a caller without credentials...
            using (var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) })
            {
                HttpResponseMessage response = await anonymous.SendAsync(request, Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, route);
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", route);
            }

            // ...and a caller whose key lacks the role or scope.
            string? policy = authorize.Select(a => a.Policy).FirstOrDefault(p => p is not null);
            if (policy is null)
            {
                continue; // Any signed-in caller (logout).
            }

            string wrongKey = policy == Roles.Policies.Check ? host.ModeratorKey : host.CheckKey;
            using HttpClient wrong = host.WithKey(wrongKey);
            using (var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) })
            {
                (await wrong.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, route);
            }

            protectedCount++;
        }

        protectedCount.ShouldBeGreaterThanOrEqualTo(14);
    }

    [Fact]
    public async Task ModeratorKey_OnAdminEndpoint_IsForbidden_AndRevokedKey_IsRejected()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient admin = host.WithKey(host.AdminKey);

        (await moderator.GetAsync("api/v1/admin/api-keys", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        CreatedApiKey created = await (await admin.PostAsJsonAsync("api/v1/admin/api-keys", new { name = "temp", scopes = new[] { "moderator" } }, Ct)).ReadAsync<CreatedApiKey>(Ct);
        using HttpClient temp = host.WithKey(created.Key);
        (await temp.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.DeleteAsync($"api/v1/admin/api-keys/{created.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await temp.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        List<ApiKeyView> keys = await (await admin.GetAsync("api/v1/admin/api-keys", Ct)).ReadAsync<List<ApiKeyView>>(Ct);
        keys.Single(k => k.Id == created.Id).RevokedAt.ShouldNotBeNull();
        (await (await admin.GetAsync("api/v1/admin/api-keys", Ct)).Content.ReadAsStringAsync(Ct)).ShouldNotContain(created.Key);
    }

    [Fact]
    public async Task CookieLogin_Moderator_CanWorkQueue_WrongPasswordAndLogout_AreRefused()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient admin = host.WithKey(host.AdminKey);
        (await admin.PostAsJsonAsync("api/v1/admin/users", new { username = "mona", password = "correct horse battery", role = "moderator" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = host.Server.BaseAddress };

        (await browser.PostAsJsonAsync("api/v1/auth/login", new { username = "mona", password = "wrong password!!" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.PostAsJsonAsync("api/v1/auth/login", new { username = "nobody", password = "wrong password!!" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        HttpResponseMessage login = await browser.PostAsJsonAsync("api/v1/auth/login", new { username = "mona", password = "correct horse battery" }, Ct);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        string cookie = login.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);

        (await browser.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("api/v1/admin/api-keys", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.PostAsync("api/v1/auth/logout", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // no anti-forgery token
        await Security.CookieSessions.UseAntiforgeryAsync(browser, Ct);
        (await browser.PostAsync("api/v1/auth/logout", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PublicIntake_OversizedBody_Returns413Problem()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.MaxJsonBodyBytes = 16 * 1024, Ct);
        using HttpClient client = host.Anonymous();
        string huge = new('x', 64 * 1024);

        HttpResponseMessage response = await client.PostAsync("api/v1/requests",
            new StringContent($"{{\"description\":\"{huge}\"}}", Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Check_OversizedMedia_Returns413()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.MaxMediaBytes = 64 * 1024, Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);
        using var content = new ByteArrayContent(new byte[200 * 1024]);
        content.Headers.ContentType = new("application/octet-stream");

        (await gate.PostAsync("api/v1/check", content, Ct)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PublicIntake_BurstFromOneAddress_IsRateLimited()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.PublicPermitsPerMinute = 3, Ct);
        using HttpClient client = host.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("api/v1/requests", Requests.Complete("x" + i), Ct)).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Created);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        HttpResponseMessage limited = await client.GetAsync("api/v1/requests/TD-AAAA-AAAA?token=x", Ct);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task RequesterPersonalData_NeverReachesLogsOrUploaderAnswers()
    {
        // Given a request with distinctive personal data, removed by a moderator, and an upload checked against it.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        byte[] photo = TestImages.Jpeg(seed: 11);
        host.Upload("p/1.jpg", photo);
        using HttpClient requester = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient gate = host.WithKey(host.CheckKey);
        const string name = "Zebulon Quixotic-Personaldata";
        const string email = "zebulon.unique.marker@example.org";
        SubmitResult filed = await Requests.FileAsync(requester, new
        {
            signatureName = name,
            signatureAttested = true,
            locations = new[] { "p/1.jpg" },
            goodFaithStatement = "Statement-marker-7781 about my ex",
            goodFaithAttested = true,
            contactEmail = email,
            contactOther = "+44 7700 900123",
        }, Ct);
        (await requester.GetAsync($"api/v1/requests/{filed.CaseNumber}?token={filed.StatusToken}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Requests.DecideAsync(moderator, filed.CaseNumber, "remove", "apparent NCII", Ct);
        using var upload = new ByteArrayContent(photo);
        upload.Headers.ContentType = new("image/jpeg");
        HttpResponseMessage checkResponse = await gate.PostAsync("api/v1/check", upload, Ct);
        string uploaderAnswer = await checkResponse.Content.ReadAsStringAsync(Ct);

        // Then the logs never contain it (nor the status token)...
        host.Logs.Lines.ShouldNotBeEmpty();
        string logs = string.Join('\n', host.Logs.Lines);
        foreach (string secret in new[] { name, "Zebulon", email, "Statement-marker-7781", "7700 900123", filed.StatusToken })
        {
            logs.ShouldNotContain(secret);
        }

        // ...and neither does what the uploader is told (the check answer, the statement of reasons).
        uploaderAnswer.ShouldContain("block");
        uploaderAnswer.ShouldNotContain("Zebulon");
        uploaderAnswer.ShouldNotContain(email);
        host.Notifier.Sent.Where(n => n.Topic == "notify.uploader").ShouldAllBe(n => !n.Json.Contains("Zebulon") && !n.Json.Contains(email));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
