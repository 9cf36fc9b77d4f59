using Microsoft.AspNetCore.Diagnostics;

namespace Takedown.Server.Web;

/// <summary>Status codes set by a page while it renders.</summary>
internal static class PageStatus
{
    /// <summary>
    /// Answers 404 with the page's own friendly body. The status is set as the response starts: a 404 set during
    /// static rendering makes Blazor stop and leave the body empty (it expects a status-code re-execution), and the
    /// service's status-code pages would then answer plain text. Those are switched off for this response too.
    /// </summary>
    public static void NotFound(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
