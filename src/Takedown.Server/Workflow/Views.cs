using System.ComponentModel;

namespace Takedown.Server.Workflow;

/// <summary>What the requester gets back when filing a request.</summary>
/// <param name="CaseNumber">The case number.</param>
/// <param name="StatusToken">The secret for following the case; shown once, only its hash is stored.</param>
/// <param name="Status">Case status.</param>
/// <param name="ReceivedAt">Receipt time (the clock runs from here).</param>
/// <param name="DueAt">Removal deadline.</param>
/// <param name="Missing">Missing statutory elements, with what to add.</param>
public sealed record SubmitResult(
    [property: Description("The case number.")] string CaseNumber,
    [property: Description("The secret for following the case; shown once, only its hash is stored.")] string StatusToken,
    [property: Description("Case status.")] string Status,
    [property: Description("Receipt time (the clock runs from here).")] DateTimeOffset ReceivedAt,
    [property: Description("Removal deadline.")] DateTimeOffset DueAt,
    [property: Description("Missing statutory elements, with what to add.")] IReadOnlyList<MissingView> Missing);

/// <summary>A missing statutory element.</summary>
/// <param name="Element">signature, content_location, good_faith_statement or contact.</param>
/// <param name="Field">Field to fill in.</param>
/// <param name="Message">What to add.</param>
public sealed record MissingView(
    [property: Description("signature, content_location, good_faith_statement or contact.")] string Element,
    [property: Description("Field to fill in.")] string Field,
    [property: Description("What to add.")] string Message);

/// <summary>The requester's view of their case.</summary>
/// <param name="CaseNumber">Case number.</param>
/// <param name="Status">Case status.</param>
/// <param name="ReceivedAt">Receipt time.</param>
/// <param name="DueAt">Deadline.</param>
/// <param name="Missing">What is still missing.</param>
/// <param name="Items">The reported content and what happened to it.</param>
/// <param name="Outcome">The latest decision and its reason (with redress information).</param>
/// <param name="CopiesRemoved">How many copies the search removed.</param>
public sealed record RequesterCaseView(
    string CaseNumber, string Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, IReadOnlyList<MissingView> Missing,
    IReadOnlyList<RequesterItemView> Items, OutcomeView? Outcome, int CopiesRemoved)
{
    /// <summary>
    /// Where to get help when the content appears to involve a minor (MIN-1): NCMEC's Take It Down service, which helps
    /// remove images of people under 18 from participating platforms. Null otherwise.
    /// </summary>
    [System.ComponentModel.Description("Where to get help when the content appears to involve a minor (MIN-1): NCMEC's Take It Down service. Null otherwise.")]
    public string? TakeItDownUrl { get; init; }
}

/// <summary>One reported location as the requester sees it.</summary>
/// <param name="Location">What they reported.</param>
/// <param name="Status">Item status.</param>
/// <param name="RemovedAt">When it was removed.</param>
public sealed record RequesterItemView(
    [property: Description("What they reported.")] string Location,
    [property: Description("Item status.")] string Status,
    [property: Description("When it was removed.")] DateTimeOffset? RemovedAt);

/// <summary>A decision as told to the requester (DSA Art 16(5)/(6)).</summary>
/// <param name="Decision">The decision.</param>
/// <param name="Reason">The reason given.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="AutomatedMeans">Automated means used.</param>
/// <param name="Redress">How to complain.</param>
public sealed record OutcomeView(
    [property: Description("The decision.")] string Decision,
    [property: Description("The reason given.")] string? Reason,
    [property: Description("When.")] DateTimeOffset DecidedAt,
    [property: Description("Automated means used.")] string AutomatedMeans,
    [property: Description("How to complain.")] string Redress);

/// <summary>One line of the moderator queue.</summary>
/// <param name="CaseNumber">Case number.</param>
/// <param name="Status">Case status.</param>
/// <param name="Jurisdiction">Jurisdiction code.</param>
/// <param name="ReceivedAt">Receipt time.</param>
/// <param name="DueAt">Deadline.</param>
/// <param name="SecondsLeft">Time left (negative when overdue).</param>
/// <param name="ClaimedBy">Moderator holding it.</param>
/// <param name="ItemsToReview">Near copies waiting for review.</param>
public sealed record QueueEntryView(
    [property: System.ComponentModel.Description("Case number.")] string CaseNumber,
    [property: System.ComponentModel.Description("Case status.")] string Status,
    [property: System.ComponentModel.Description("Jurisdiction code (US, UK, AU, IN or a custom one).")] string Jurisdiction,
    [property: System.ComponentModel.Description("Receipt time (the clock runs from here).")] DateTimeOffset ReceivedAt,
    [property: System.ComponentModel.Description("Deadline: the jurisdiction's, or a notice's own when shorter.")] DateTimeOffset DueAt,
    [property: System.ComponentModel.Description("Seconds left until the deadline (negative when overdue).")] long SecondsLeft,
    [property: System.ComponentModel.Description("Moderator holding the case (null: nobody).")] string? ClaimedBy,
    [property: System.ComponentModel.Description("Near copies waiting for review.")] int ItemsToReview)
{
    /// <summary>The content appears to involve a minor (MIN-1).</summary>
    [System.ComponentModel.Description("The content appears to involve a minor (MIN-1).")]
    public bool Minor { get; init; }

    /// <summary>Flagged for senior review: public-figure, news or political target (ABU-1).</summary>
    [System.ComponentModel.Description("Flagged for senior review: public-figure, news or political target (ABU-1).")]
    public bool SeniorReview { get; init; }

    /// <summary>An earlier open or removed case naming the same location (ABU-1 duplicate detection).</summary>
    [System.ComponentModel.Description("An earlier open or removed case naming the same location (ABU-1 duplicate detection).")]
    public string? DuplicateOf { get; init; }

    /// <summary>Intake channel: <c>public</c>, <c>trusted_flagger</c> or <c>regulator</c> (INT-4).</summary>
    [System.ComponentModel.Description("Intake channel: public, trusted_flagger or regulator (INT-4).")]
    public string Channel { get; init; } = "public";
}

/// <summary>The moderator's view of a case.</summary>
public sealed record CaseDetailView
{
    /// <summary>Case number.</summary>
    [Description("Case number.")]
    public required string CaseNumber { get; init; }

    /// <summary>Status.</summary>
    [Description("Status.")]
    public required string Status { get; init; }

    /// <summary>Jurisdiction code.</summary>
    [Description("Jurisdiction code.")]
    public required string Jurisdiction { get; init; }

    /// <summary>Receipt time.</summary>
    [Description("Receipt time.")]
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the request became complete.</summary>
    [Description("When the request became complete.")]
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Deadline.</summary>
    [Description("Deadline.")]
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Missing elements.</summary>
    [Description("Missing elements.")]
    public required IReadOnlyList<MissingView> Missing { get; init; }

    /// <summary>The request as filed (moderators see the requester's details).</summary>
    [Description("The request as filed (moderators see the requester's details).")]
    public required RequestView Request { get; init; }

    /// <summary>Moderator holding the case.</summary>
    [Description("Moderator holding the case.")]
    public string? ClaimedBy { get; init; }

    /// <summary>Deadline warnings sent.</summary>
    [Description("Deadline warnings sent.")]
    public int WarningLevel { get; init; }

    /// <summary>When the deadline was missed.</summary>
    [Description("When the deadline was missed.")]
    public DateTimeOffset? BreachedAt { get; init; }

    /// <summary>Content in the case.</summary>
    [Description("Content in the case.")]
    public required IReadOnlyList<ItemView> Items { get; init; }

    /// <summary>Decisions, oldest first.</summary>
    [Description("Decisions, oldest first.")]
    public required IReadOnlyList<DecisionView> Decisions { get; init; }

    /// <summary>Notes, oldest first.</summary>
    [Description("Notes, oldest first.")]
    public required IReadOnlyList<NoteView> Notes { get; init; }

    /// <summary>Active bank hashes of the case.</summary>
    [Description("Active bank hashes of the case.")]
    public required IReadOnlyList<BankEntryView> Bank { get; init; }

    /// <summary>The reviewer checklists recorded with the case's decisions (VAL-2), oldest first.</summary>
    [System.ComponentModel.Description("The reviewer checklists recorded with the case's decisions (VAL-2).")]
    public IReadOnlyList<ChecklistView> Checklists { get; init; } = [];

    /// <summary>The content appears to involve a minor (MIN-1): hashes never shared, CyberTipline report due.</summary>
    [Description("The content appears to involve a minor (MIN-1): hashes never shared, CyberTipline report due.")]
    public bool Minor { get; init; }

    /// <summary>Flagged for senior review: public-figure, news or political target (ABU-1).</summary>
    [System.ComponentModel.Description("Flagged for senior review: public-figure, news or political target (ABU-1).")]
    public bool SeniorReview { get; init; }

    /// <summary>An earlier open or removed case naming the same location (ABU-1 duplicate detection).</summary>
    [System.ComponentModel.Description("An earlier open or removed case naming the same location (ABU-1 duplicate detection).")]
    public string? DuplicateOf { get; init; }

    /// <summary>Intake channel: <c>public</c>, <c>trusted_flagger</c> or <c>regulator</c> (INT-4).</summary>
    [System.ComponentModel.Description("Intake channel: public, trusted_flagger or regulator (INT-4).")]
    public string Channel { get; init; } = "public";

    /// <summary>When the requester's personal data was purged (PRV-1); null while kept.</summary>
    [System.ComponentModel.Description("When the requester's personal data was purged (PRV-1).")]
    public DateTimeOffset? PurgedAt { get; init; }
}

/// <summary>A reviewer checklist with the decision it was recorded with (VAL-2).</summary>
/// <param name="DecisionId">The decision.</param>
/// <param name="Checklist">The reviewer's answers.</param>
public sealed record ChecklistView(
    [property: Description("The decision.")] long DecisionId,
    [property: Description("The reviewer's answers.")] Takedown.Core.Cases.ReviewChecklist Checklist);

/// <summary>The request fields.</summary>
public sealed record RequestView(string? SignatureName, bool SignatureAttested, string? GoodFaithStatement, bool GoodFaithAttested, string? Description, string? ContactEmail, string? ContactOther, string? RequesterRole, bool? AiGenerated);

/// <summary>An item.</summary>
public sealed record ItemView(long Id, string Location, string? ContentId, string Origin, string Status, int? Distance, long? SourceItemId, DateTimeOffset? RemovedAt, DateTimeOffset? RestoredAt);

/// <summary>A decision.</summary>
public sealed record DecisionView(long Id, long? ItemId, string Kind, string? Reason, string Actor, string Automation, DateTimeOffset DecidedAt);

/// <summary>A note.</summary>
public sealed record NoteView(long Id, string Author, string Body, DateTimeOffset CreatedAt);

/// <summary>A bank hash.</summary>
public sealed record BankEntryView(long Id, long? ItemId, string Kind, string Value, int Quality);

/// <summary>An appeal.</summary>
public sealed record AppealView(long Id, string CaseNumber, long ItemId, string? ContentId, string Statement, string Status, DateTimeOffset FiledAt, string? Reason);
