using Takedown.Core.Cases;
using Takedown.Core.Media;

namespace Takedown.Data.Records;

/// <summary>A stored case with the request as filed.</summary>
public sealed record CaseRecord
{
    /// <summary>Internal id.</summary>
    public required long Id { get; init; }

    /// <summary>The public case number.</summary>
    public required string CaseNumber { get; init; }

    /// <summary>Current status.</summary>
    public required CaseStatus Status { get; init; }

    /// <summary>Jurisdiction code.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Receipt time; the clock runs from here.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Removal deadline.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>When the last missing element arrived (null while incomplete).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>SHA-256 of the requester's status token.</summary>
    public required byte[] TokenHash { get; init; }

    /// <summary>Typed signature.</summary>
    public string? SignatureName { get; init; }

    /// <summary>Signature attestation ticked.</summary>
    public bool SignatureAttested { get; init; }

    /// <summary>Good-faith statement.</summary>
    public string? GoodFaithStatement { get; init; }

    /// <summary>Good-faith attestation ticked.</summary>
    public bool GoodFaithAttested { get; init; }

    /// <summary>Optional description.</summary>
    public string? Description { get; init; }

    /// <summary>Contact e-mail.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>Other contact details.</summary>
    public string? ContactOther { get; init; }

    /// <summary>Requester role.</summary>
    public string? RequesterRole { get; init; }

    /// <summary>AI-generated flag.</summary>
    public bool? AiGenerated { get; init; }

    /// <summary>Missing statutory elements as a JSON array of field names (empty array when complete).</summary>
    public required string Missing { get; init; }

    /// <summary>Moderator who claimed the case.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>When it was claimed.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>Deadline warnings already sent (0 = none).</summary>
    public int WarningLevel { get; init; }

    /// <summary>When the deadline breach was recorded.</summary>
    public DateTimeOffset? BreachedAt { get; init; }

    /// <summary>When the case reached a decision.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The content appears to involve a minor (MIN-1): never shared, CyberTipline report due.</summary>
    public bool Minor { get; init; }

    /// <summary>Flagged for senior review (public-figure, news or political target; ABU-1).</summary>
    public bool SeniorReview { get; init; }

    /// <summary>An earlier open or removed case naming the same location (ABU-1 duplicate detection).</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>Intake channel wire name: <c>public</c>, <c>trusted_flagger</c> or <c>regulator</c> (INT-4).</summary>
    public string Channel { get; init; } = "public";

    /// <summary>Channel rank (regulator 2, trusted flagger 1, public 0; INT-4); recorded, never used to reorder the queue.</summary>
    public int Priority { get; init; }

    /// <summary>When the requester's personal data was purged (PRV-1); null while kept.</summary>
    public DateTimeOffset? PurgedAt { get; init; }
}

/// <summary>The fields of a new case.</summary>
public sealed record NewCase(
    string CaseNumber,
    CaseStatus Status,
    string Jurisdiction,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? CompletedAt,
    byte[] TokenHash,
    Takedown.Core.Requests.RemovalRequest Request,
    string Missing)
{
    /// <summary>Intake channel wire name (INT-4); <c>public</c> unless a flagger or regulator filed it.</summary>
    public string Channel { get; init; } = "public";

    /// <summary>Channel rank (regulator 2, trusted flagger 1, public 0; INT-4); recorded, never used to reorder the queue.</summary>
    public int Priority { get; init; }
}

/// <summary>One piece of content in a case.</summary>
public sealed record ItemRecord(
    long Id,
    long CaseId,
    string Location,
    string? ContentId,
    ItemOrigin Origin,
    ItemStatus Status,
    long? SourceItemId,
    int? Distance,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RemovedAt,
    DateTimeOffset? RestoredAt);

/// <summary>A recorded decision. <paramref name="Automation"/> is <c>manual</c>, <c>partial</c> or <c>full</c>.</summary>
public sealed record DecisionRecord(long Id, long CaseId, long? ItemId, string Kind, string? Reason, string Actor, string Automation, DateTimeOffset DecidedAt);

/// <summary>A moderator's note on a case.</summary>
public sealed record NoteRecord(long Id, long CaseId, string Author, string Body, DateTimeOffset CreatedAt);

/// <summary>An uploader's appeal against the removal of one item.</summary>
public sealed record AppealRecord(long Id, long CaseId, long ItemId, string Statement, AppealStatus Status, DateTimeOffset FiledAt, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason);

/// <summary>A hash in the NCII bank, linked to its case.</summary>
public sealed record BankEntry(long Id, long CaseId, long? ItemId, HashKind Kind, string Value, int Quality, bool Active, DateTimeOffset AddedAt);

/// <summary>One change to the bank, in sequence order.</summary>
public sealed record BankChange(long Sequence, long EntryId, bool Added, HashKind Kind, string Value, string CaseNumber);

/// <summary>Content registered by the platform (through /check), kept for later copy sweeps.</summary>
public sealed record ContentRecord(long Id, string ContentId, string? Sha256, string? Md5, string? Pdq, DateTimeOffset RegisteredAt)
{
    /// <summary>vPDQ frame hashes of a video (<c>Takedown.Core.Media.VpdqValue</c> form), or null.</summary>
    public string? Vpdq { get; init; }
}

/// <summary>A moderator or admin login.</summary>
public sealed record UserRecord(long Id, string Username, string PasswordHash, string Role, bool Disabled);

/// <summary>A platform API key (only its hash is stored).</summary>
public sealed record ApiKeyRecord(long Id, string Prefix, byte[] KeyHash, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A pending or delivered outbox message (webhooks and connector actions).</summary>
public sealed record OutboxMessage(long Id, string Topic, string Payload, string IdempotencyKey, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);

/// <summary>A queued copy sweep for a case.</summary>
public sealed record SweepRecord(long Id, long CaseId, DateTimeOffset RequestedAt);
