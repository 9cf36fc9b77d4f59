using System.Runtime.CompilerServices;
using System.Text.Json;
using Takedown.Core.Audit;
using Takedown.Data;

namespace Takedown.Server.Web;

/// <summary>Reads the audit log in pages, and reads fields of its compact JSON details.</summary>
internal static class AuditReader
{
    private const int PageSize = 1000;

    /// <summary>Every event from the start of the log, in order.</summary>
    public static async IAsyncEnumerable<AuditEvent> ReadAllAsync(ITakedownSession session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long next = 1;
        while (true)
        {
            IReadOnlyList<AuditEvent> page = await session.ReadAuditAsync(next, PageSize, cancellationToken);
            foreach (AuditEvent e in page)
            {
                yield return e;
                next = e.Sequence + 1;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads a string property of a detail object.</summary>
    public static bool TryGetString(string detail, string property, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        try
        {
            using var doc = JsonDocument.Parse(detail);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(property, out JsonElement p) && p.ValueKind == JsonValueKind.String)
            {
                value = p.GetString()!;
                return true;
            }
        }
        catch (JsonException)
        {
            // A detail that is not JSON has no such property.
        }

        return false;
    }

    /// <summary>Reads a timestamp property of a detail object.</summary>
    public static bool TryGetTime(string detail, string property, out DateTimeOffset value)
    {
        value = default;
        return TryGetString(detail, property, out string? text) &&
            DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out value);
    }
}
