namespace Takedown.Core.Cases;

/// <summary>How an item came into a case.</summary>
public enum ItemOrigin
{
    /// <summary>Named by the requester.</summary>
    Reported = 0,

    /// <summary>Found by the copy search: byte-identical (SHA-256 or MD5) to removed content.</summary>
    ExactCopy = 1,

    /// <summary>Found by the copy search: PDQ distance within the review threshold.</summary>
    NearCopy = 2,
}
