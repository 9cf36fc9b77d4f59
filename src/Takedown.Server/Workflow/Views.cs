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
    [property: Description("Case number.")] string CaseNumber,
    [property: Description("Case status: incomplete, open, information_requested, provisionally_removed, removed, rejected, withdrawn or restored.")] string Status,
    [property: Description("When the request was received (the legal clock starts here).")] DateTimeOffset ReceivedAt,
    [property: Description("The removal deadline under the case's jurisdiction.")] DateTimeOffset DueAt,
    [property: Description("What the request still lacks, one entry per statutory element.")] IReadOnlyList<MissingView> Missing,
    [property: Description("The reported content and what happened to it.")] IReadOnlyList<RequesterItemView> Items,
    [property: Description("The latest decision and its reason, with redress information; null before a decision.")] OutcomeView? Outcome,
    [property: Description("How many copies the copy search removed.")] int CopiesRemoved)
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
public sealed record RequestView(
    [property: Description("The requester's physical or electronic signature (their name); personal data, shown to moderators only.")] string? SignatureName,
    [property: Description("Whether the requester attested that the signature is theirs or made with authority.")] bool SignatureAttested,
    [property: Description("The requester's statement that the depiction is without consent, in their words.")] string? GoodFaithStatement,
    [property: Description("Whether the requester attested the good-faith statement of non-consent.")] bool GoodFaithAttested,
    [property: Description("How the requester identifies the content (free text).")] string? Description,
    [property: Description("Contact e-mail for the outcome; personal data.")] string? ContactEmail,
    [property: Description("Other contact details the requester gave; personal data.")] string? ContactOther,
    [property: Description("Who filed: self, authorised_agent or parent_or_guardian.")] string? RequesterRole,
    [property: Description("Whether the requester says the imagery is AI-generated or edited (null when not answered).")] bool? AiGenerated);

/// <summary>An item.</summary>
public sealed record ItemView(
    [property: Description("Item id within the service.")] long Id,
    [property: Description("The reported URL or content id as given.")] string Location,
    [property: Description("The platform's content id the location resolved to, when known.")] string? ContentId,
    [property: Description("How the item joined the case: reported, exact_copy or near_copy (found by the copy search).")] string Origin,
    [property: Description("pending, needs_review, provisionally_removed, removed, kept, restored or not_found.")] string Status,
    [property: Description("For a near copy: the PDQ distance to the removed content it matches.")] int? Distance,
    [property: Description("For a copy: the item whose removal led the copy search to it.")] long? SourceItemId,
    [property: Description("When the content was removed through the platform connector.")] DateTimeOffset? RemovedAt,
    [property: Description("When the content was restored (withdrawal or granted appeal).")] DateTimeOffset? RestoredAt);

/// <summary>A decision.</summary>
public sealed record DecisionView(
    [property: Description("Decision id.")] long Id,
    [property: Description("The item decided on; null for a decision on the whole case.")] long? ItemId,
    [property: Description("remove, provisionally_remove, reject, request_information, content_not_visible, or a copy-search or reversal step (remove_exact_copy, confirm_copy, dismiss_copy, withdrawn).")] string Kind,
    [property: Description("The reason recorded with the decision (the statement of reasons' basis).")] string? Reason,
    [property: Description("Who decided: a staff user, 'system' or 'requester'.")] string Actor,
    [property: Description("manual (a person decided), partial (automatic, reviewable on appeal) or full.")] string Automation,
    [property: Description("When the decision was made.")] DateTimeOffset DecidedAt);

/// <summary>A note.</summary>
public sealed record NoteView(
    [property: Description("Note id.")] long Id,
    [property: Description("The staff user who wrote it, or 'system'.")] string Author,
    [property: Description("The note text; redacted by the retention purge.")] string Body,
    [property: Description("When it was written.")] DateTimeOffset CreatedAt);

/// <summary>A bank hash.</summary>
public sealed record BankEntryView(
    [property: Description("Bank entry id.")] long Id,
    [property: Description("The removed item the hash was taken from.")] long? ItemId,
    [property: Description("Hash kind: pdq, md5, sha256 or vpdq.")] string Kind,
    [property: Description("The hash in lowercase hex (vPDQ: its frame hashes).")] string Value,
    [property: Description("PDQ quality, 0-100 (0 for exact hashes).")] int Quality);

/// <summary>An appeal.</summary>
public sealed record AppealView(
    [property: Description("Appeal id.")] long Id,
    [property: Description("The case the appealed removal belongs to.")] string CaseNumber,
    [property: Description("The removed item appealed.")] long ItemId,
    [property: Description("The platform's content id of that item.")] string? ContentId,
    [property: Description("The uploader's statement.")] string Statement,
    [property: Description("pending, granted or denied.")] string Status,
    [property: Description("When the appeal was filed.")] DateTimeOffset FiledAt,
    [property: Description("The reason given with the appeal's decision.")] string? Reason);
