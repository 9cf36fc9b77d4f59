using System.Text.Json;

namespace Takedown.Core.Transparency;

/// <summary>
/// Exports statements as the Transparency Database's batch JSON (<c>{"statements":[…]}</c>, at most 100 per batch,
/// the body of <c>POST /api/v1/statements</c>) or as CSV with one statement per row.
/// </summary>
public static class DsaExport
{
    /// <summary>Most statements per <c>POST /api/v1/statements</c> call.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>CSV columns, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "puid", "decision_visibility", "decision_ground", "illegal_content_legal_ground", "illegal_content_explanation",
        "incompatible_content_ground", "incompatible_content_explanation", "incompatible_content_illegal", "content_type",
        "category", "category_specification", "territorial_scope", "content_date", "application_date", "decision_facts",
        "source_type", "automated_detection", "automated_decision",
    ];

    /// <summary>Splits statements into batches of at most <paramref name="batchSize"/> and serialises each.</summary>
    /// <exception cref="ArgumentException">A statement fails <see cref="DsaStatementValidator"/> or a PUID repeats.</exception>
    public static IEnumerable<byte[]> JsonBatches(IEnumerable<DsaStatement> statements, int batchSize = MaxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<DsaStatement>(batchSize);
        foreach (DsaStatement statement in statements)
        {
            EnsureValid(statement, seen);
            batch.Add(statement);
            if (batch.Count == batchSize)
            {
                yield return Serialize(batch);
                batch = new List<DsaStatement>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return Serialize(batch);
        }
    }

    /// <summary>Writes statements as CSV (header first; list fields as JSON arrays).</summary>
    public static void WriteCsv(TextWriter writer, IEnumerable<DsaStatement> statements)
    {
        writer.Write(string.Join(',', CsvColumns));
        writer.Write('\n');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DsaStatement s in statements)
        {
            EnsureValid(s, seen);
            string?[] row =
            [
                s.Puid, List(s.DecisionVisibility), s.DecisionGround, s.IllegalContentLegalGround, s.IllegalContentExplanation,
                s.IncompatibleContentGround, s.IncompatibleContentExplanation, s.IncompatibleContentIllegal, List(s.ContentType),
                s.Category, List(s.CategorySpecification), List(s.TerritorialScope), s.ContentDate, s.ApplicationDate, s.DecisionFacts,
                s.SourceType, s.AutomatedDetection, s.AutomatedDecision,
            ];
            writer.Write(string.Join(',', row.Select(Quote)));
            writer.Write('\n');
        }
    }

    private static void EnsureValid(DsaStatement statement, HashSet<string> seen)
    {
        IReadOnlyList<string> errors = DsaStatementValidator.Validate(statement);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Statement {statement.Puid} is invalid: {string.Join("; ", errors)}", nameof(statement));
        }

        if (!seen.Add(statement.Puid))
        {
            throw new ArgumentException($"PUID {statement.Puid} repeats; PUIDs are unique and never reused.", nameof(statement));
        }
    }

    private static byte[] Serialize(List<DsaStatement> batch) =>
        JsonSerializer.SerializeToUtf8Bytes(new DsaStatementBatch { Statements = batch }, DsaJsonContext.Default.DsaStatementBatch);

    private static string? List(IReadOnlyList<string>? values) =>
        values is null ? null : JsonSerializer.Serialize(values, DsaListContext.Default.IReadOnlyListString);

    private static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class DsaListContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
