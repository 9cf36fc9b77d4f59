using System.Text.Json.Serialization;

namespace Takedown.Core.Transparency;

/// <summary>
/// One statement of reasons in the DSA Transparency Database schema (API v2 fields, from 1 July 2025). Field names
/// and values are the database's; null fields are omitted from JSON. It never holds personal data (Art 24(5)):
/// <see cref="DsaStatementMapper"/> builds the free-text fields from fixed templates only.
/// </summary>
public sealed class DsaStatement
{
    /// <summary>Platform unique id, <c>^[a-zA-Z0-9-_]+$</c>, at most 500 characters, never reused.</summary>
    [JsonPropertyName("puid")]
    public required string Puid { get; init; }

    /// <summary>Visibility decisions, e.g. <c>DECISION_VISIBILITY_CONTENT_REMOVED</c>.</summary>
    [JsonPropertyName("decision_visibility")]
    public IReadOnlyList<string>? DecisionVisibility { get; init; }

    /// <summary>Required with <c>DECISION_VISIBILITY_OTHER</c>.</summary>
    [JsonPropertyName("decision_visibility_other")]
    public string? DecisionVisibilityOther { get; init; }

    /// <summary>Account decision, if any.</summary>
    [JsonPropertyName("decision_account")]
    public string? DecisionAccount { get; init; }

    /// <summary><c>DECISION_GROUND_ILLEGAL_CONTENT</c> or <c>DECISION_GROUND_INCOMPATIBLE_CONTENT</c>.</summary>
    [JsonPropertyName("decision_ground")]
    public required string DecisionGround { get; init; }

    /// <summary>Legal ground (ILLEGAL only), at most 500 characters.</summary>
    [JsonPropertyName("illegal_content_legal_ground")]
    public string? IllegalContentLegalGround { get; init; }

    /// <summary>Explanation (ILLEGAL only), at most 2000 characters.</summary>
    [JsonPropertyName("illegal_content_explanation")]
    public string? IllegalContentExplanation { get; init; }

    /// <summary>Contractual ground (INCOMPATIBLE only), at most 500 characters.</summary>
    [JsonPropertyName("incompatible_content_ground")]
    public string? IncompatibleContentGround { get; init; }

    /// <summary>Explanation (INCOMPATIBLE only), at most 2000 characters.</summary>
    [JsonPropertyName("incompatible_content_explanation")]
    public string? IncompatibleContentExplanation { get; init; }

    /// <summary><c>Yes</c> or <c>No</c> (INCOMPATIBLE only).</summary>
    [JsonPropertyName("incompatible_content_illegal")]
    public string? IncompatibleContentIllegal { get; init; }

    /// <summary>Content types, e.g. <c>CONTENT_TYPE_IMAGE</c>, <c>CONTENT_TYPE_SYNTHETIC_MEDIA</c>.</summary>
    [JsonPropertyName("content_type")]
    public required IReadOnlyList<string> ContentType { get; init; }

    /// <summary>One of the 16 <c>STATEMENT_CATEGORY_*</c> values.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>Additional categories.</summary>
    [JsonPropertyName("category_addition")]
    public IReadOnlyList<string>? CategoryAddition { get; init; }

    /// <summary><c>KEYWORD_*</c> values.</summary>
    [JsonPropertyName("category_specification")]
    public IReadOnlyList<string>? CategorySpecification { get; init; }

    /// <summary>ISO-2 EU/EEA codes; null when worldwide is not expressible (omitted).</summary>
    [JsonPropertyName("territorial_scope")]
    public IReadOnlyList<string>? TerritorialScope { get; init; }

    /// <summary>When the content was posted (<c>YYYY-MM-DD</c>).</summary>
    [JsonPropertyName("content_date")]
    public required string ContentDate { get; init; }

    /// <summary>When the decision applied (<c>YYYY-MM-DD</c>).</summary>
    [JsonPropertyName("application_date")]
    public required string ApplicationDate { get; init; }

    /// <summary>End of a temporary visibility restriction (<c>YYYY-MM-DD</c>); null means indefinite.</summary>
    [JsonPropertyName("end_date_visibility_restriction")]
    public string? EndDateVisibilityRestriction { get; init; }

    /// <summary>Facts and circumstances, at most 5000 characters, no personal data.</summary>
    [JsonPropertyName("decision_facts")]
    public required string DecisionFacts { get; init; }

    /// <summary><c>SOURCE_ARTICLE_16</c>, <c>SOURCE_TRUSTED_FLAGGER</c>, <c>SOURCE_TYPE_OTHER_NOTIFICATION</c> or <c>SOURCE_VOLUNTARY</c>.</summary>
    [JsonPropertyName("source_type")]
    public required string SourceType { get; init; }

    /// <summary><c>Yes</c> or <c>No</c>.</summary>
    [JsonPropertyName("automated_detection")]
    public required string AutomatedDetection { get; init; }

    /// <summary><c>AUTOMATED_DECISION_FULLY</c>, <c>_PARTIALLY</c> or <c>_NOT_AUTOMATED</c>.</summary>
    [JsonPropertyName("automated_decision")]
    public required string AutomatedDecision { get; init; }
}

/// <summary>The body of <c>POST /api/v1/statements</c>.</summary>
public sealed class DsaStatementBatch
{
    /// <summary>At most <see cref="DsaExport.MaxBatchSize"/> statements.</summary>
    [JsonPropertyName("statements")]
    public required IReadOnlyList<DsaStatement> Statements { get; init; }
}

[JsonSerializable(typeof(DsaStatementBatch))]
[JsonSerializable(typeof(DsaStatement))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
internal sealed partial class DsaJsonContext : JsonSerializerContext
{
}
