using System.Net.Http.Json;
using Takedown.Server.Auth;

namespace Takedown.Server.Tests.Security;

/// <summary>Helpers for clients signed in with the session cookie.</summary>
internal static class CookieSessions
{
    /// <summary>
    /// Fetches the anti-forgery token of the signed-in session and sends it on every later request of
    /// <paramref name="client"/> (needed for state-changing API calls made with the cookie).
    /// </summary>
    public static async Task<string> UseAntiforgeryAsync(HttpClient client, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await client.GetAsync("api/v1/auth/antiforgery", cancellationToken);
        response.EnsureSuccessStatusCode();
        AntiforgeryToken token = (await response.Content.ReadFromJsonAsync<AntiforgeryToken>(cancellationToken))!;
        client.DefaultRequestHeaders.Remove(token.HeaderName);
        client.DefaultRequestHeaders.Add(token.HeaderName, token.Token);
        return token.Token;
    }
}
