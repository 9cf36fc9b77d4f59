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
    /// <summary>Adds the middleware; call after routing and before the pages are mapped.</summary>
    public static void UseNotFoundForNonBrowsers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(NotFoundPage) && !WantsPage(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    });

    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) &&
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
