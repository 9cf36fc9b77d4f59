using Takedown.Core.Cases;

namespace Takedown.Data.Records;

/// <summary>The reviewer checklist stored with a decision (VAL-2).</summary>
/// <param name="DecisionId">The decision it supports.</param>
/// <param name="Checklist">The answers.</param>
public sealed record DecisionChecklistRecord(long DecisionId, ReviewChecklist Checklist);

/// <summary>
/// A requester's abuse record (ABU-1, DSA Art 23), keyed by a keyed hash of their normalised contact, never the contact.
/// </summary>
/// <param name="Key">The keyed hash (data key id and HMAC).</param>
/// <param name="UnfoundedCount">Notices of this requester rejected as manifestly unfounded.</param>
/// <param name="WarnedAt">When the Art 23 warning was given.</param>
/// <param name="SuspendedUntil">Intake from this contact is suspended until then (null: not suspended).</param>
/// <param name="Suspensions">How many suspensions were imposed.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record RequesterRecord(string Key, int UnfoundedCount, DateTimeOffset? WarnedAt, DateTimeOffset? SuspendedUntil, int Suspensions, DateTimeOffset UpdatedAt);
