using System.ComponentModel;
using Takedown.Core.Media;

namespace Takedown.Data.Records;

/// <summary>A named hash bank (HMA curated bank or an exchange's bank).</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name (<c>^[A-Z0-9_]+$</c> for HMA compatibility).</param>
/// <param name="EnabledRatio">HMA's matching_enabled_ratio (0 disables matching).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record HashBankRecord(long Id, string Name, double EnabledRatio, DateTimeOffset CreatedAt);

/// <summary>A signal (hash) of bank content.</summary>
/// <param name="Id">Signal id (its index entry id is the negation).</param>
/// <param name="Kind">Hash kind.</param>
/// <param name="Value">Lowercase hex.</param>
public sealed record BankSignal(long Id, HashKind Kind, string Value);

/// <summary>One item of bank content with its signals.</summary>
/// <param name="Id">Content id (HMA's bank_content_id).</param>
/// <param name="BankId">Bank id.</param>
/// <param name="BankName">Bank name.</param>
/// <param name="SourceKey">The exchange's record key, or null for curated content.</param>
/// <param name="Label">Label.</param>
/// <param name="Note">Note.</param>
/// <param name="Metadata">HMA metadata JSON, or null.</param>
/// <param name="DisableUntil">HMA disable_until_ts: 0 disabled, 1 enabled, otherwise Unix seconds.</param>
/// <param name="Signals">Its signals.</param>
/// <param name="CreatedAt">Created.</param>
public sealed record BankContentRecord(
    long Id,
    long BankId,
    string BankName,
    string? SourceKey,
    string? Label,
    string? Note,
    string? Metadata,
    long DisableUntil,
    IReadOnlyList<BankSignal> Signals,
    DateTimeOffset CreatedAt)
{
    /// <summary>Whether the content matches at <paramref name="now"/> (HMA's disable_until_ts rule).</summary>
    public bool IsEnabledAt(DateTimeOffset now) => DisableUntil == 1 || (DisableUntil > 1 && DisableUntil <= now.ToUnixTimeSeconds());
}

/// <summary>A signal found by value, with what a lookup needs.</summary>
/// <param name="SignalId">Signal id.</param>
/// <param name="ContentId">Content id.</param>
/// <param name="BankId">Bank id.</param>
/// <param name="BankName">Bank name.</param>
/// <param name="EnabledRatio">The bank's enabled ratio.</param>
/// <param name="DisableUntil">The content's disable_until_ts.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Value">Value.</param>
/// <param name="Label">Content label.</param>
public sealed record SignalHit(long SignalId, long ContentId, long BankId, string BankName, double EnabledRatio, long DisableUntil, HashKind Kind, string Value, string? Label);

/// <summary>A subscribed exchange.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name (also its bank's name).</param>
/// <param name="Type">Exchange type (<c>stop_ncii</c>, <c>takedown</c>).</param>
/// <param name="Config">Type-specific JSON configuration (may hold credentials; never returned by the API).</param>
/// <param name="BankId">Its bank.</param>
/// <param name="Enabled">Whether scheduled syncs run.</param>
/// <param name="Checkpoint">Persisted checkpoint.</param>
/// <param name="LastSyncAt">Last run.</param>
/// <param name="LastSuccessAt">Last run without error.</param>
/// <param name="LastError">Error of the last run, or null.</param>
/// <param name="UpToDate">Whether the last run reached the end of the feed.</param>
/// <param name="FetchedItems">Records applied so far, all runs.</param>
public sealed record ExchangeConfigRecord(
    long Id,
    string Name,
    string Type,
    string Config,
    long BankId,
    bool Enabled,
    string? Checkpoint,
    DateTimeOffset? LastSyncAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    bool UpToDate,
    long FetchedItems);

/// <summary>A recorded match outcome for an imported hash.</summary>
/// <param name="Id">Id.</param>
/// <param name="SignalId">The matched signal.</param>
/// <param name="BankId">Its bank.</param>
/// <param name="Kind">Hash kind.</param>
/// <param name="Value">Hash.</param>
/// <param name="ContentRef">The platform content that matched.</param>
/// <param name="Outcome"><c>pending_review</c>, <c>blocked</c> or <c>not_blocked</c>.</param>
/// <param name="RecordedAt">When.</param>
/// <param name="ReportedAt">When it was reported to the exchange, or null.</param>
public sealed record OutcomeRecord(
    [property: Description("The outcome's id.")] long Id,
    [property: Description("The matched signal's id.")] long SignalId,
    [property: Description("The id of the signal's bank.")] long BankId,
    [property: Description("The signal's hash kind.")] HashKind Kind,
    [property: Description("The matched hash, lowercase hex.")] string Value,
    [property: Description("The platform's reference for the content that matched.")] string ContentRef,
    [property: Description("pending_review, blocked or not_blocked.")] string Outcome,
    [property: Description("When the outcome was recorded.")] DateTimeOffset RecordedAt,
    [property: Description("When it was reported to the exchange, or null.")] DateTimeOffset? ReportedAt);

/// <summary>One published feed event.</summary>
/// <param name="Sequence">Feed sequence.</param>
/// <param name="EntryKey">Stable id of the published hash.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Value">Hash.</param>
/// <param name="Deleted">Withdrawal.</param>
public sealed record FeedEventRecord(long Sequence, string EntryKey, HashKind Kind, string Value, bool Deleted);

/// <summary>One removal decision on one item, as the DSA export needs it (no personal data).</summary>
/// <param name="DecisionId">Decision id.</param>
/// <param name="ItemId">Item id.</param>
/// <param name="Kind">Decision kind (<c>remove</c>, <c>provisionally_remove</c>, <c>remove_exact_copy</c>, <c>confirm_copy</c>).</param>
/// <param name="Automation"><c>manual</c>, <c>partial</c> or <c>full</c>.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="ReceivedAt">When the case's notice arrived.</param>
/// <param name="ItemCreatedAt">When the item was recorded (copy found).</param>
/// <param name="Origin">Item origin (<c>reported</c>, <c>exact_copy</c>, <c>near_copy</c>).</param>
/// <param name="AiGenerated">The requester's AI-generated flag.</param>
/// <param name="Jurisdiction">Jurisdiction code.</param>
public sealed record RemovalDecisionRow(long DecisionId, long ItemId, string Kind, string Automation, DateTimeOffset DecidedAt, DateTimeOffset ReceivedAt, DateTimeOffset ItemCreatedAt, string Origin, bool AiGenerated, string Jurisdiction);
