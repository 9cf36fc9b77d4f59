namespace Takedown.Core.Cases;

/// <summary>The state of one piece of content (a reported URL or content id, or a copy found by the search).</summary>
public enum ItemStatus
{
    /// <summary>Reported, not yet acted on.</summary>
    Pending = 0,

    /// <summary>A near copy found by the copy search, waiting for a moderator under the case's deadline.</summary>
    NeedsReview = 1,

    /// <summary>Removed provisionally through the connector.</summary>
    ProvisionallyRemoved = 2,

    /// <summary>Removed through the connector.</summary>
    Removed = 3,

    /// <summary>Kept: the request was rejected, or a near copy was judged not to match.</summary>
    Kept = 4,

    /// <summary>Put back after a withdrawal or a granted appeal.</summary>
    Restored = 5,

    /// <summary>The connector could not find the content.</summary>
    NotFound = 6,
}
