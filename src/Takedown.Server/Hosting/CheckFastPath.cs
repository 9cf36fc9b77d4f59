using Microsoft.AspNetCore.Authorization;
using Takedown.Server.Auth;
using Takedown.Server.Workflow;

namespace Takedown.Server.Hosting;

/// <summary>
/// The platform's upload gate answered before routing: <c>POST /api/v1/check</c> with a JSON body and an API key
/// that <see cref="ApiKeyCache"/> holds (fresh, not revoked, verified against its stored hash on this request) and
/// that the <see cref="Roles.Policies.Check"/> policy allows (its verdict evaluated once per cached key) is answered
/// here, right after the exception handler, with the same reader, check and writer as the endpoint
/// (<see cref="CheckJsonIo"/>). This skips, for the platform's hottest call, what it never uses: routing over the
/// pages' catch-all, the authentication/authorization middleware's per-request handler and policy evaluation,
/// anti-forgery (API-key calls are exempt), the rate limiter (no policy on <c>/check</c>), the pages' security
/// headers (not sent on <c>/api</c>), static files and the status-code pages (every answer here has a body).
/// Everything else (media uploads, a key not yet cached or refused, cookie sessions, other content types) goes
/// through the full pipeline and the mapped endpoint, which also loads the key into the cache; errors thrown here
/// (a body over the limit: 413, invalid hashes or JSON: 400) become problem+json in the exception handler as before.
/// </summary>
internal static class CheckFastPath
{
    /// <summary>The path answered here.</summary>
    public const string Path = "/api/v1/check";

    /// <summary>Adds the fast path; call right after <c>UseExceptionHandler</c>.</summary>
    public static IApplicationBuilder UseCheckFastPath(this IApplicationBuilder app)
    {
        ApiKeyCache keys = app.ApplicationServices.GetRequiredService<ApiKeyCache>();
        CheckService checks = app.ApplicationServices.GetRequiredService<CheckService>();
        IAuthorizationService authorization = app.ApplicationServices.GetRequiredService<IAuthorizationService>();

        // The RequestDelegate form: no closure or delegate allocated per request.
        return app.Use(next => context =>
        {
            CachedApiKey? key = Applies(context.Request) ? ApiKeyAuthenticationHandler.AuthenticateFromCache(context.Request, keys) : null;
            return key is null ? next(context) : AnswerAsync(context, key, checks, authorization, next);
        });
    }

    /// <summary>
    /// Whether the request is a JSON <c>/check</c> call presenting an API key. Only the content types an API client
    /// sends (<c>application/json</c>, optionally with a UTF-8 charset) qualify; anything else takes the endpoint.
    /// </summary>
    internal static bool Applies(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) &&
        request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) &&
        IsPlainJson(request.ContentType);

    private static bool IsPlainJson(string? contentType) =>
        contentType is not null &&
        (contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         contentType.Equals("application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase));

    private static Task AnswerAsync(HttpContext context, CachedApiKey key, CheckService checks, IAuthorizationService authorization, RequestDelegate next)
    {
        switch (key.CheckAccess)
        {
            case true:
                context.User = key.Principal;
                return CheckJsonIo.AnswerAsync(context, checks, context.RequestAborted);
            case false:
                // Refused by the policy: the full pipeline answers (403 problem+json).
                return next(context);
            default:
                return DecideAccessAsync(context, key, checks, authorization, next);
        }
    }

    private static async Task DecideAccessAsync(HttpContext context, CachedApiKey key, CheckService checks, IAuthorizationService authorization, RequestDelegate next)
    {
        AuthorizationResult verdict = await authorization.AuthorizeAsync(key.Principal, null, Roles.Policies.Check);
        key.RememberCheckAccess(verdict.Succeeded);
        await AnswerAsync(context, key, checks, authorization, next);
    }
}
