using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Takedown.Server.Auth;

/// <summary>
/// CSRF protection for API calls made with the moderator session cookie: a state-changing request (anything but GET,
/// HEAD, OPTIONS, TRACE) to the API (<c>/api</c>, and the HMA-compatible <c>/h</c>, <c>/m</c>, <c>/c</c>) that is
/// authenticated by the cookie must carry an anti-forgery token in the <see cref="HeaderName"/> header, obtained
/// from <c>GET /api/v1/auth/antiforgery</c>; otherwise it is refused with 400 problem+json. Calls authenticated by an
/// API key (which a browser never sends by itself) and anonymous calls are not affected.
/// </summary>
public static class ApiAntiforgery
{
    /// <summary>The request header carrying the token.</summary>
    public const string HeaderName = "X-CSRF-Token";

    private static readonly string[] s_apiPrefixes = ["/api", "/h", "/m", "/c"];

    /// <summary>Makes the anti-forgery system read request tokens from <see cref="HeaderName"/>.</summary>
    public static IServiceCollection AddApiAntiforgery(this IServiceCollection services)
    {
        services.AddAntiforgery();
        services.Configure<AntiforgeryOptions>(o => o.HeaderName = HeaderName);
        return services;
    }

    /// <summary>Refuses cookie-authenticated, state-changing API calls without a valid token (after authentication).</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsToken(context) && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Missing or invalid anti-forgery token",
                    Detail = $"Calls signed in with the session cookie must send the {HeaderName} header from GET /api/v1/auth/antiforgery (or use an API key).",
                },
            });
            return;
        }

        await next(context);
    });

    /// <summary>Maps <c>GET /api/v1/auth/antiforgery</c>, which issues the token for the current session.</summary>
    public static IEndpointRouteBuilder MapApiAntiforgery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/auth/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(http);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? HeaderName, tokens.RequestToken!));
            })
            .WithName("GetAntiforgeryToken").WithTags("Auth").RequireAuthorization()
            .WithSummary("Anti-forgery token for state-changing calls made with the session cookie (send it in the X-CSRF-Token header)")
            .WithDescription("Needs the staff session cookie (API-key calls need no token). Answers the header name and the token for this session; not cached (Cache-Control: no-store).")
            .Produces<AntiforgeryToken>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    /// <summary>Whether this request is a state-changing API call authenticated by the session cookie.</summary>
    internal static bool NeedsToken(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return false;
        }

        if (!s_apiPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // The authentication policy uses the API key whenever one is presented; otherwise the user came from the cookie.
        return !ApiKeyAuthenticationHandler.IsPresented(request) && context.User.Identities.Any(i => i.IsAuthenticated);
    }
}

/// <summary>An anti-forgery token and the header to send it in.</summary>
/// <param name="HeaderName">Header name (<c>X-CSRF-Token</c>).</param>
/// <param name="Token">The request token.</param>
public sealed record AntiforgeryToken(
    [property: System.ComponentModel.Description("The request header to send the token in (X-CSRF-Token).")] string HeaderName,
    [property: System.ComponentModel.Description("The token for state-changing /api/v1 calls made with the session cookie.")] string Token);
