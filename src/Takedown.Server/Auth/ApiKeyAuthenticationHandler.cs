using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Takedown.Data;

namespace Takedown.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer tdk_...</c> or <c>X-Api-Key: tdk_...</c>. Scopes become <c>scope</c> claims;
/// the moderator and admin scopes also become roles. Revoked keys fail. Keys and their principals are cached per node
/// (<see cref="ApiKeyCache"/>); the presented key is verified against the stored hash on every request.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ITakedownStore store,
    ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Whether the request presents an API key (then this scheme, not the session cookie, authenticates it).</summary>
    public static bool IsPresented(HttpRequest request) =>
        request.Headers.ContainsKey("X-Api-Key") || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The key the request presents (the Bearer token, else the <c>X-Api-Key</c> header), trimmed, without copying;
    /// empty when there is none.
    /// </summary>
    public static ReadOnlySpan<char> PresentedKey(HttpRequest request) => PresentedKey(request, out _);

    /// <summary>The presented key, and the header string it is a slice of (empty when there is none).</summary>
    private static ReadOnlySpan<char> PresentedKey(HttpRequest request, out string header)
    {
        header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header.AsSpan(7).Trim();
        }

        header = request.Headers.TryGetValue("X-Api-Key", out Microsoft.Extensions.Primitives.StringValues value) ? value.ToString() : string.Empty;
        return header.AsSpan().Trim();
    }

    /// <summary>
    /// The key the request presents when it is in the cache, fresh, not revoked and verified; null otherwise (then
    /// the full authentication path decides). Synchronous and allocation-free: the <c>/check</c> fast path uses it.
    /// </summary>
    public static CachedApiKey? AuthenticateFromCache(HttpRequest request, ApiKeyCache cache)
    {
        ReadOnlySpan<char> key = PresentedKey(request, out string header);
        ReadOnlySpan<char> prefix = ApiKeys.PrefixOf(key);
        return !prefix.IsEmpty && cache.TryGetFresh(prefix, out CachedApiKey? cached) && cached is { IsRevoked: false } && cached.VerifiesHeader(header, key)
            ? cached
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string key = PresentedKey(Request).ToString();
        if (key.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        string? prefix = ApiKeys.PrefixOf(key);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        CachedApiKey? cached = await cache.GetAsync(prefix, store, Context.RequestAborted);
        if (cached is null || cached.IsRevoked || !cached.Verifies(key))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(cached.Principal, SchemeName));
    }
}
