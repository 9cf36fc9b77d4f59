using System.Net;
using System.Net.Http.Json;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Server.Auth;
using Takedown.Server.Tests.Security;

namespace Takedown.Server.Tests.Support;

/// <summary>Signed-in staff browsers and extra API keys for a <see cref="ServiceHost"/>.</summary>
internal static class StaffSessions
{
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// Creates the user (if new), signs in through <c>/api/v1/auth/login</c> with a cookie jar and sends the session's
    /// anti-forgery header on later requests: a client that behaves like the staff pages' browser.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(ServiceHost host, string username, string role, CancellationToken cancellationToken)
    {
        await host.Server.EnsureUserAsync(username, Password, role, cancellationToken);
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = host.Server.BaseAddress,
        };
        HttpResponseMessage login = await client.PostAsJsonAsync("api/v1/auth/login", new { username, password = Password }, cancellationToken);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        await CookieSessions.UseAntiforgeryAsync(client, cancellationToken);
        return client;
    }

    /// <summary>An API key with one scope.</summary>
    public static async Task<string> CreateKeyAsync(ServiceHost host, string name, string scope, CancellationToken cancellationToken)
    {
        (string key, string prefix) = ApiKeys.Create();
        await using ITakedownSession session = await host.Get<ITakedownStore>().BeginAsync(write: true, cancellationToken);
        await session.InsertApiKeyAsync(prefix, SecretToken.Hash(key), name, [scope], host.Time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return key;
    }
}
