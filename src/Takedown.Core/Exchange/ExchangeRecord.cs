using Takedown.Core.Media;

namespace Takedown.Core.Exchange;

/// <summary>
/// One change from an exchange, keyed by the source's id for the record. A later record with the same key replaces
/// the earlier one completely; <see cref="Deleted"/> removes it (withdrawal or deletion at the source).
/// </summary>
/// <param name="Key">The source's stable key for the record (e.g. <c>ImagePDQ:&lt;hash&gt;</c> or a feed entry id).</param>
/// <param name="Kind">The hash kind.</param>
/// <param name="Value">The hash, lowercase hexadecimal of the exact length (validated by the exchange client).</param>
/// <param name="Label">A label shown with matches (no personal data), or null.</param>
/// <param name="Deleted">True when the source withdrew or deleted the record: it must stop matching.</param>
public sealed record ExchangeRecord(string Key, HashKind Kind, string Value, string? Label, bool Deleted);

/// <summary>One fetched page: its records and the checkpoint to store once they are applied.</summary>
/// <param name="Records">The records in source order.</param>
/// <param name="Checkpoint">Opaque checkpoint to resume after this page.</param>
/// <param name="HasMore">True when the source has more records right now.</param>
public sealed record ExchangePage(IReadOnlyList<ExchangeRecord> Records, string Checkpoint, bool HasMore);

/// <summary>What a platform decided about content that matched an exchange's hash (sent back where supported).</summary>
public enum MatchOutcome
{
    /// <summary>Content matched and waits for review (StopNCII <c>PendingReview</c>).</summary>
    PendingReview = 0,

    /// <summary>Reviewed and found to be NCII; blocked (StopNCII <c>Blocked</c>).</summary>
    Blocked = 1,

    /// <summary>Reviewed; not blocked (StopNCII <c>NotBlocked</c>).</summary>
    NotBlocked = 2,
}

/// <summary>Feedback on one hash of an exchange.</summary>
/// <param name="Key">The record key the hash came with.</param>
/// <param name="Kind">The hash kind.</param>
/// <param name="Value">The hash.</param>
/// <param name="Outcome">The outcome.</param>
public sealed record ExchangeFeedback(string Key, HashKind Kind, string Value, MatchOutcome Outcome);
