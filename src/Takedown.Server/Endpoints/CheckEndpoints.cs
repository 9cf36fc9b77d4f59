using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Options;
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
            .WithDescription("Send precomputed hashes as JSON (pdq, md5, sha256, contentId; or vpdq, a video's frame hashes [{frame, quality, hash, timestamp}]), or the media bytes themselves with any other content type (image/jpeg, video/mp4, application/octet-stream; contentId as query parameter). Images: exact match or PDQ distance <= BlockDistance (default 10) blocks; PDQ distance <= ReviewDistance (default 31) asks for review. Videos (recognised by their bytes, or sent as video/*): exact match blocks; otherwise vPDQ at one frame per second, python-threatexchange semantics (frames within distance 31, quality >= 50, duplicate frames once): block when >= VideoBlockQueryPercent (default 80) of the upload's frames match a banked video, review when >= VideoReviewQueryPercent (40) of the upload's or >= VideoReviewComparedPercent (80) of the banked video's frames match; vpdq matches carry queryMatchPercent and comparedMatchPercent. Uploaded media is hashed and discarded (a video passes through a private temporary file deleted right after hashing). 503 with Retry-After when every video decoding slot is busy.")
            .Accepts<CheckBody>("application/json", "application/octet-stream", "image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4", "video/webm", "video/quicktime", "video/x-matroska")
            .Produces<CheckResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> Check(HttpRequest request, CheckService checks, IOptions<TakedownOptions> options, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            // The same reader and writer as CheckFastPath, which answers API-key calls before this pipeline runs.
            await CheckJsonIo.AnswerAsync(request.HttpContext, checks, cancellationToken);
            return Results.Empty;
        }

        TakedownOptions settings = options.Value;
        bool claimsVideo = request.ContentType?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) == true;
        if (request.ContentLength > Math.Max(settings.MaxMediaBytes, settings.MaxVideoBytes) ||
            (claimsVideo && request.ContentLength > settings.MaxVideoBytes))
        {
            throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
        }

        // The body is read into a pooled buffer (no growing copies for a multi-megabyte upload) and returned once
        // hashed. Images are never written anywhere; a video passes through a private temporary file for FFmpeg,
        // deleted as soon as it is hashed.
        (byte[] buffer, int length, bool isVideo) = await ReadBodyAsync(request, settings.MaxMediaBytes, settings.MaxVideoBytes, claimsVideo, cancellationToken);
        try
        {
            string? contentId = request.Query["contentId"];
            if (!isVideo)
            {
                return TypedResults.Json(checks.CheckMedia(buffer.AsMemory(0, length), contentId), CheckJsonContext.Default.CheckResult);
            }

            try
            {
                return TypedResults.Json(await checks.CheckVideoAsync(buffer.AsMemory(0, length), contentId, cancellationToken), CheckJsonContext.Default.CheckResult);
            }
            catch (VideoBusyException e)
            {
                request.HttpContext.Response.Headers.RetryAfter = settings.VideoBusyRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Video hashing busy");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Bytes read before deciding whether the upload is a video (enough for every container signature).</summary>
    private const int SniffBytes = 512;

    /// <summary>Largest first buffer, whatever Content-Length says (larger bodies grow the buffer as they arrive).</summary>
    private const int InitialBufferBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Reads the whole body into a rented buffer: at most <paramref name="maxMedia"/> bytes, or
    /// <paramref name="maxVideo"/> once the first bytes show a video container (or the client sent <c>video/*</c>).
    /// </summary>
    private static async Task<(byte[] Buffer, int Length, bool IsVideo)> ReadBodyAsync(HttpRequest request, int maxMedia, int maxVideo, bool claimsVideo, CancellationToken cancellationToken)
    {
        int max = Math.Max(maxMedia, maxVideo);
        bool? isVideo = null;
        // The declared length sizes the first buffer only up to InitialBufferBytes: a client announcing a 256 MiB video
        // must send it before that much memory is taken (the buffer doubles as bytes arrive).
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 64 * 1024, Math.Min(max, InitialBufferBytes)) + 1);
        int length = 0;
        try
        {
            while (true)
            {
                if (isVideo is null && (length >= SniffBytes || length == buffer.Length))
                {
                    isVideo = claimsVideo || MediaHasher.IsVideo(buffer.AsSpan(0, length));
                    max = isVideo.Value ? maxVideo : maxMedia;
                    if (length > max)
                    {
                        throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
                    }
                }

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

            isVideo ??= claimsVideo || MediaHasher.IsVideo(buffer.AsSpan(0, length));
            if (length > (isVideo.Value ? maxVideo : maxMedia))
            {
                throw new BadHttpRequestException("Media too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return (buffer, length, isVideo.Value);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
