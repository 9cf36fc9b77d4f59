using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Takedown.Core;
using Takedown.Core.Cases;

namespace Takedown.Server.Hosting;

/// <summary>Maps every exception to application/problem+json; domain failures keep their message, others say nothing.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string title, string? detail) = exception switch
        {
            NotFoundException e => (StatusCodes.Status404NotFound, "Not found", e.Message),
            InvalidTransitionException e => (StatusCodes.Status409Conflict, "Not allowed in the current state", e.Message),
            ConflictException e => (StatusCodes.Status409Conflict, "Conflict", e.Message),
            DomainValidationException e => (StatusCodes.Status400BadRequest, "Invalid request", e.Message),
            Takedown.Core.Requests.IntakeSuspendedException e => (StatusCodes.Status403Forbidden, "Requests not accepted", e.Message),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", (string?)null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", (string?)null),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", (string?)null),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            Log.UnhandledError(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
