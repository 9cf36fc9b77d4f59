namespace Takedown.Core.Cases;

/// <summary>Where a case stands. The allowed moves between these are in <see cref="CaseStateMachine"/>.</summary>
public enum CaseStatus
{
    /// <summary>Received but one or more statutory elements are missing; the clock already runs.</summary>
    Incomplete = 0,

    /// <summary>Complete and waiting for a moderator's decision.</summary>
    Open = 1,

    /// <summary>A moderator asked the requester for more information.</summary>
    InformationRequested = 2,

    /// <summary>Content removed provisionally ("remove within the deadline, then review").</summary>
    ProvisionallyRemoved = 3,

    /// <summary>Content removed and its hashes banked.</summary>
    Removed = 4,

    /// <summary>Request rejected with a reason.</summary>
    Rejected = 5,

    /// <summary>The requester withdrew the request; content restored and hashes released.</summary>
    Withdrawn = 6,

    /// <summary>An uploader's appeal was granted; content restored and hashes released.</summary>
    Restored = 7,
}
