namespace Takedown.Matching;

/// <summary>How a <see cref="HammingIndex"/> searches.</summary>
public enum HammingIndexStrategy
{
    /// <summary>Flat scan while small, multi-index hashing once <see cref="HammingIndexOptions.MultiIndexThreshold"/> is reached.</summary>
    Auto = 0,

    /// <summary>Always the flat scan (any radius, 40 bytes per entry).</summary>
    Flat = 1,

    /// <summary>
    /// Always multi-index hashing (radius up to 63, or up to 43 once a segment of 2^23 or more entries uses the wide
    /// 11 x 23-bit layout; larger radii fall back to the flat scan, which is then the faster search anyway).
    /// </summary>
    MultiIndex = 2,
}
