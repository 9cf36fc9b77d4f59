using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Takedown.Core.Audit;

/// <summary>
/// The audit log's hash chain: each event's hash is SHA-256 over the previous hash and the event's canonical
/// content, so any edit, deletion or reordering of stored events is detected by <see cref="Verify"/>.
/// </summary>
public static class AuditChain
{
    /// <summary>Size of each hash in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>The previous-hash value of the first event.</summary>
    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashSize];

    /// <summary>
    /// The canonical content: a JSON array <c>[sequence, unixMilliseconds, actor, action, case, detail]</c>, written
    /// without whitespace, so it is unambiguous whatever the fields contain.
    /// </summary>
    public static byte[] Canonical(long sequence, DateTimeOffset at, string actor, string action, string? caseNumber, string detail)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + detail.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(sequence);
            writer.WriteNumberValue(at.ToUnixTimeMilliseconds());
            writer.WriteStringValue(actor);
            writer.WriteStringValue(action);
            if (caseNumber is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(caseNumber);
            }

            writer.WriteStringValue(detail);
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Computes an event's hash from the previous hash and its fields.</summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, long sequence, DateTimeOffset at, string actor, string action, string? caseNumber, string detail)
    {
        byte[] canonical = Canonical(sequence, at, actor, action, caseNumber, detail);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previousHash);
        sha.AppendData(canonical);
        return sha.GetHashAndReset();
    }

    /// <summary>
    /// Checks a run of events in sequence order, starting from <paramref name="previousHash"/> (the genesis value when
    /// starting at event 1). Returns null when intact, or the sequence number of the first bad event.
    /// </summary>
    public static long? Verify(IEnumerable<AuditEvent> events, ReadOnlyMemory<byte>? previousHash = null)
    {
        ReadOnlyMemory<byte> previous = previousHash ?? Genesis;
        long expectedSequence = -1;
        foreach (AuditEvent e in events)
        {
            if (expectedSequence >= 0 && e.Sequence != expectedSequence)
            {
                return e.Sequence;
            }

            byte[] hash = ComputeHash(previous.Span, e.Sequence, e.At, e.Actor, e.Action, e.CaseNumber, e.Detail);
            if (!e.PreviousHash.Span.SequenceEqual(previous.Span) || !e.Hash.Span.SequenceEqual(hash))
            {
                return e.Sequence;
            }

            previous = e.Hash;
            expectedSequence = e.Sequence + 1;
        }

        return null;
    }

    /// <summary>Writes one event as a JSON line (the export format).</summary>
    public static void WriteJsonLine(TextWriter writer, AuditEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", e.Sequence);
            json.WriteString("at", e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("actor", e.Actor);
            json.WriteString("action", e.Action);
            if (e.CaseNumber is null)
            {
                json.WriteNull("case");
            }
            else
            {
                json.WriteString("case", e.CaseNumber);
            }

            json.WriteString("detail", e.Detail);
            json.WriteString("prev", Convert.ToHexStringLower(e.PreviousHash.Span));
            json.WriteString("hash", Convert.ToHexStringLower(e.Hash.Span));
            json.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        writer.Write('\n');
    }

    /// <summary>Reads one JSON line written by <see cref="WriteJsonLine"/>.</summary>
    public static AuditEvent ReadJsonLine(string line)
    {
        using var doc = JsonDocument.Parse(line);
        JsonElement root = doc.RootElement;
        return new AuditEvent(
            root.GetProperty("seq").GetInt64(),
            DateTimeOffset.Parse(root.GetProperty("at").GetString()!, CultureInfo.InvariantCulture),
            root.GetProperty("actor").GetString()!,
            root.GetProperty("action").GetString()!,
            root.GetProperty("case").GetString(),
            root.GetProperty("detail").GetString()!,
            Convert.FromHexString(root.GetProperty("prev").GetString()!),
            Convert.FromHexString(root.GetProperty("hash").GetString()!));
    }
}
