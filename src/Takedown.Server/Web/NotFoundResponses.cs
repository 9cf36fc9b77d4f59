using Microsoft.AspNetCore.Components.Endpoints;
using Takedown.Server.Components.Pages.Errors;

namespace Takedown.Server.Web;

/// <summary>
/// The catch-all <see cref="NotFoundPage"/> answers people with a friendly 404 page; API clients and scripts (paths
/// under <c>/api/</c>, or an <c>Accept</c> header without <c>text/html</c>) get a bare 404 that the service's
/// status-code pages turn into problem+json, as before.
/// </summary>
internal static class NotFoundResponses
{
    /// <summary>
    /// Lets the static file middleware serve <c>/static</c>: the catch-all page matches every path at routing, and
    /// static files are only served to requests without an endpoint. Call after routing, before the static files.
    /// </summary>
    public static void UseStaticFilesBeforeNotFound(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsNotFoundPage(context) && context.Request.Path.StartsWithSegments(StaticAssets.RequestPath, StringComparison.OrdinalIgnoreCase))
        {
            context.SetEndpoint(null);
        }

        await next(context);
    });

    /// <summary>Adds the middleware; call after routing and before the pages are mapped.</summary>
    public static void UseNotFoundForNonBrowsers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsNotFoundPage(context) && !WantsPage(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    });

    private static bool IsNotFoundPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(NotFoundPage);

    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) &&
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
