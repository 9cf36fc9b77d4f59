using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Takedown.Core;
using Takedown.Server.Endpoints;
using Takedown.Server.Workflow;

namespace Takedown.Server.Hosting;

/// <summary>
/// The JSON form of <c>/check</c>, shared by the endpoint and <see cref="CheckFastPath"/>: the body is read whole from
/// the request pipe (bounded by Kestrel's request body limit, 413 past it) and deserialized by the source-generated
/// <see cref="CheckJsonContext"/> straight from the pipe's buffers; the answer is serialized into a per-thread buffer
/// and written with its <c>Content-Length</c> (the usual <c>allow</c> answer is a constant).
/// </summary>
internal static class CheckJsonIo
{
    /// <summary>The response content type, as <c>TypedResults.Json</c> writes it.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly byte[] s_allow = JsonSerializer.SerializeToUtf8Bytes(CheckService.Allow, CheckJsonContext.Default.CheckResult);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Reads the body, runs the check and writes the answer (200 application/json).</summary>
    public static async Task AnswerAsync(HttpContext context, CheckService checks, CancellationToken cancellationToken)
    {
        PipeReader reader = context.Request.BodyReader;
        ReadResult read = await reader.ReadAsync(cancellationToken);
        while (!read.IsCompleted)
        {
            // Nothing consumed, everything examined: the next read returns once more bytes (or the end) arrived.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await reader.ReadAsync(cancellationToken);
        }

        CheckResult answer;
        try
        {
            answer = Check(read.Buffer, checks);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }

        Write(context.Response, answer);
    }

    /// <summary>Parses a complete body and runs the check (hashes, or a video's frame hashes).</summary>
    internal static CheckResult Check(ReadOnlySequence<byte> body, CheckService checks)
    {
        CheckBody request = Parse(body);
        return request.Vpdq is null
            ? checks.CheckHashes(request.Pdq, request.Md5, request.Sha256, request.ContentId)
            : checks.CheckVideoHashes(request.Vpdq, request.Md5, request.Sha256, request.ContentId);
    }

    /// <summary>Deserializes one JSON object (and nothing after it); malformed JSON is a validation error (400).</summary>
    internal static CheckBody Parse(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new DomainValidationException("Empty body.");
        }

        try
        {
            var json = new Utf8JsonReader(body);
            CheckBody? parsed = JsonSerializer.Deserialize(ref json, CheckJsonContext.Default.CheckBody);
            if (json.Read())
            {
                throw new DomainValidationException("The body must be one JSON object.");
            }

            return parsed ?? throw new DomainValidationException("Empty body.");
        }
        catch (JsonException e)
        {
            throw new DomainValidationException("The body is not valid JSON for /check.", e);
        }
    }

    /// <summary>Writes <paramref name="answer"/> as the response (status 200, JSON, with Content-Length).</summary>
    internal static void Write(HttpResponse response, CheckResult answer)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (ReferenceEquals(answer, CheckService.Allow))
        {
            response.ContentLength = s_allow.Length;
            response.BodyWriter.Write(s_allow);
            return;
        }

        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, answer, CheckJsonContext.Default.CheckResult);
        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
    }
}
