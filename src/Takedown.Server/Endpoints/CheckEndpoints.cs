using Microsoft.Extensions.Options;
using Takedown.Core;
using Takedown.Server.Auth;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Server.Endpoints;

/// <summary>The platform's upload gate.</summary>
public static class CheckEndpoints
{
    /// <summary>Maps <c>POST /api/v1/check</c>.</summary>
    public static IEndpointRouteBuilder MapCheckEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/check", Check).WithName("CheckUpload").WithTags("Check").RequireAuthorization(Roles.Policies.Check)
            .WithSummary("Check an upload before publishing: allow, block or review")
            .WithDescription("Send precomputed hashes as JSON (pdq, md5, sha256, contentId), or the media bytes themselves with any other content type (image/jpeg, application/octet-stream; contentId as query parameter). Exact match or PDQ distance <= BlockDistance (default 10) blocks; PDQ distance <= ReviewDistance (default 31) asks for review. Uploaded media is hashed in memory and discarded.")
            .Accepts<CheckBody>("application/json", "application/octet-stream", "image/jpeg", "image/png", "image/webp", "image/gif")
            .Produces<CheckResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> Check(HttpRequest request, CheckService checks, IOptions<TakedownOptions> options, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            CheckBody body = await request.ReadFromJsonAsync<CheckBody>(cancellationToken) ?? throw new DomainValidationException("Empty body.");
            return TypedResults.Ok(checks.CheckHashes(body.Pdq, body.Md5, body.Sha256, body.ContentId));
        }

        int max = options.Value.MaxMediaBytes;
        if (request.ContentLength > max)
        {
            throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > max)
        {
            throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
        }

        string? contentId = request.Query["contentId"];
        return TypedResults.Ok(checks.CheckMedia(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), contentId));
    }
}
