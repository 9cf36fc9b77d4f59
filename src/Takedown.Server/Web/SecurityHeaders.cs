namespace Takedown.Server.Web;

/// <summary>
/// Browser hardening for the pages: a strict content security policy (scripts and styles only from this origin, no
/// inline script), no framing, no MIME sniffing and no referrer (status links carry a secret).
/// </summary>
internal static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers to every response that is not part of the REST or HMA API.</summary>
    public static IApplicationBuilder UseWebSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                IHeaderDictionary headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            }

            return next(context);
        });
}
