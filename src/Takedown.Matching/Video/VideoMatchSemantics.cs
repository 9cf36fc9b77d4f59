namespace Takedown.Matching.Video;

/// <summary>Which reference's rules decide whether two frames, and two videos, match.</summary>
public enum VideoMatchSemantics
{
    /// <summary>
    /// python-threatexchange (what HMA and ThreatExchange deployments run): exact-duplicate frame hashes are removed,
    /// frames need quality ≥ 50, frames match at distance ≤ 31. Its brute-force matcher removes duplicates before the
    /// quality filter, its index filters first; <see cref="VideoBruteMatcher"/> and <see cref="VideoIndex"/> follow
    /// each respectively.
    /// </summary>
    ThreatExchange = 0,

    /// <summary>
    /// The C++ reference's <c>matchTwoHashBrute</c> (<c>vpdq/cpp</c>): frames need quality ≥ 50, duplicates are
    /// kept and counted, frames match at distance strictly below 31.
    /// </summary>
    Reference = 1,
}
