using Takedown.Core.Cases;
using Takedown.Data.Records;

namespace Takedown.Data;

/// <summary>Reviewer checklists, case flags, requester abuse records and retention (VAL-2, MIN-1, ABU-1, INT-4, PRV-1).</summary>
public partial interface ITakedownSession
{
    /// <summary>Stores the reviewer checklist of a decision.</summary>
    public Task InsertChecklistAsync(long decisionId, ReviewChecklist checklist, CancellationToken cancellationToken);

    /// <summary>The checklists of a case's decisions, oldest first.</summary>
    public Task<IReadOnlyList<DecisionChecklistRecord>> ListChecklistsAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Flags a case as appearing to involve a minor (MIN-1); returns false when it already was.</summary>
    public Task<bool> SetMinorAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Sets or clears the senior-review flag; returns false when nothing changed.</summary>
    public Task<bool> SetSeniorReviewAsync(long caseId, bool seniorReview, CancellationToken cancellationToken);

    /// <summary>Links a case to an earlier case naming the same location.</summary>
    public Task SetDuplicateOfAsync(long caseId, string earlierCaseNumber, CancellationToken cancellationToken);

    /// <summary>Sets a case's intake channel and queue priority (INT-4).</summary>
    public Task SetChannelAsync(long caseId, string channel, int priority, CancellationToken cancellationToken);

    /// <summary>
    /// Case numbers of other cases, open or removed (not rejected, withdrawn or restored), with a reported item at one of
    /// <paramref name="locations"/> or with one of <paramref name="contentIds"/>; oldest first.
    /// </summary>
    public Task<IReadOnlyList<string>> FindCasesNamingAsync(long exceptCaseId, IReadOnlyList<string> locations, IReadOnlyList<string> contentIds, CancellationToken cancellationToken);

    /// <summary>The abuse record of a normalised contact, or null when it has none.</summary>
    public Task<RequesterRecord?> GetRequesterRecordAsync(string normalisedContact, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the abuse record of a normalised contact under the current data key (replacing one under an older key).
    /// </summary>
    public Task<RequesterRecord> SaveRequesterRecordAsync(string normalisedContact, int unfoundedCount, DateTimeOffset? warnedAt, DateTimeOffset? suspendedUntil, int suspensions, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Abuse records, most recently changed first.</summary>
    public Task<IReadOnlyList<RequesterRecord>> ListRequesterRecordsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Lifts a suspension (by record key); returns false for an unknown key or one not suspended at <paramref name="at"/>.</summary>
    public Task<bool> LiftSuspensionAsync(string key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Closed cases (removed, rejected, withdrawn or restored) closed at or before <paramref name="closedBefore"/> whose
    /// personal data is not yet purged, oldest first.
    /// </summary>
    public Task<IReadOnlyList<CaseRecord>> ListPurgeDueAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the requester's personal data of a case (signature, statement, description, contact and the delivered
    /// outcome notifications that carried the contact) and stamps <c>purged_at</c>; the case skeleton stays.
    /// Returns false when it was already purged.
    /// </summary>
    public Task<bool> PurgePersonalDataAsync(long caseId, DateTimeOffset at, CancellationToken cancellationToken);
}
