using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer tdk_...</c> or <c>X-Api-Key: tdk_...</c>. Scopes become <c>scope</c> claims;
/// the moderator and admin scopes also become roles. Revoked keys fail. Keys are cached briefly per node.
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = null;
        string authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization[7..].Trim();
        }
        else if (Request.Headers.TryGetValue("X-Api-Key", out Microsoft.Extensions.Primitives.StringValues header))
        {
            key = header.ToString().Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        string? prefix = ApiKeys.PrefixOf(key);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        ApiKeyRecord? record = await cache.GetAsync(prefix, async ct =>
        {
            await using ITakedownSession session = await store.BeginAsync(write: false, ct);
            return await session.GetApiKeyAsync(prefix, ct);
        }, Context.RequestAborted);
        if (record is null || record.RevokedAt is not null || !SecretToken.Verify(key, record.KeyHash))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, "key:" + record.Prefix), new("key_id", record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        foreach (string scope in record.Scopes)
        {
            claims.Add(new Claim(Roles.ScopeClaim, scope));
            if (scope is Roles.Moderator or Roles.Admin)
            {
                claims.Add(new Claim(ClaimTypes.Role, scope));
            }
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
