using System.Buffers;
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
            CheckBody body = await request.ReadFromJsonAsync(CheckJsonContext.Default.CheckBody, cancellationToken) ?? throw new DomainValidationException("Empty body.");
            return TypedResults.Json(checks.CheckHashes(body.Pdq, body.Md5, body.Sha256, body.ContentId), CheckJsonContext.Default.CheckResult);
        }

        int max = options.Value.MaxMediaBytes;
        if (request.ContentLength > max)
        {
            throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
        }

        // The body is read into a pooled buffer (no growing copies for a multi-megabyte upload) and returned once
        // hashed; the media is never written anywhere.
        (byte[] buffer, int length) = await ReadBodyAsync(request, max, cancellationToken);
        try
        {
            string? contentId = request.Query["contentId"];
            return TypedResults.Json(checks.CheckMedia(buffer.AsMemory(0, length), contentId), CheckJsonContext.Default.CheckResult);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the whole body, at most <paramref name="max"/> bytes, into a rented buffer.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 64 * 1024, max) + 1);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, max + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > max)
            {
                throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
