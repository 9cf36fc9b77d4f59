using System.ComponentModel;
using Takedown.Core.Requests;

namespace Takedown.Server.Endpoints;

/// <summary>Sets or clears a case's senior-review flag (ABU-1).</summary>
/// <param name="SeniorReview">True for a public-figure, news or political target that needs senior review.</param>
/// <param name="Reason">Why (optional, audited).</param>
public sealed record SeniorReviewBody(
    [property: Description("True for a public-figure, news or political target that needs senior review.")] bool SeniorReview,
    [property: Description("Why (optional, audited).")] string? Reason);

/// <summary>A notice from a trusted flagger or regulator (INT-4).</summary>
/// <param name="Channel"><c>trusted_flagger</c> (DSA Art 22, priority) or <c>regulator</c> (e.g. an eSafety removal notice; highest priority).</param>
/// <param name="DeadlineHours">The notice's own deadline in hours (e.g. 24 for eSafety); used when shorter than the jurisdiction's.</param>
/// <param name="Request">The request itself, with the same fields as the public intake.</param>
public sealed record FlaggerNoticeBody(
    [property: Description("trusted_flagger (DSA Art 22, priority) or regulator (highest priority).")] string Channel,
    [property: Description("The notice's own deadline in hours (e.g. 24 for eSafety); used when shorter than the jurisdiction's.")] double? DeadlineHours,
    [property: Description("The request, with the same fields as the public intake.")] RemovalRequest Request);

/// <summary>A requester's abuse record as an admin sees it (never the contact).</summary>
/// <param name="Key">The record key: a keyed hash of the normalised contact (for lifting a suspension).</param>
/// <param name="UnfoundedCount">Notices rejected as manifestly unfounded.</param>
/// <param name="WarnedAt">When the DSA Art 23 warning was given.</param>
/// <param name="SuspendedUntil">Intake suspended until then (null: not suspended).</param>
/// <param name="Suspensions">Suspensions imposed so far.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record RequesterRecordView(
    [property: Description("The record key: a keyed hash of the normalised contact (for lifting a suspension).")] string Key,
    [property: Description("Notices rejected as manifestly unfounded.")] int UnfoundedCount,
    [property: Description("When the DSA Art 23 warning was given (null: not warned).")] DateTimeOffset? WarnedAt,
    [property: Description("Intake suspended until then (null: not suspended).")] DateTimeOffset? SuspendedUntil,
    [property: Description("Suspensions imposed so far.")] int Suspensions,
    [property: Description("Last change.")] DateTimeOffset UpdatedAt)
{
    /// <summary>Case numbers whose manifestly unfounded rejections this record counted, oldest first (from the audit log).</summary>
    [Description("Case numbers whose manifestly unfounded rejections this record counted, oldest first (from the audit log).")]
    public IReadOnlyList<string> Cases { get; init; } = [];
}
