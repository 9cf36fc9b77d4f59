namespace Takedown.Matching;

/// <summary>How a <see cref="HammingIndex"/> searches.</summary>
public enum HammingIndexStrategy
{
    /// <summary>Flat scan while small, multi-index hashing once <see cref="HammingIndexOptions.MultiIndexThreshold"/> is reached.</summary>
    Auto = 0,

    /// <summary>Always the flat scan (any radius, 40 bytes per entry).</summary>
    Flat = 1,

    /// <summary>Always multi-index hashing (radius up to 63; larger radii fall back to the flat scan).</summary>
    MultiIndex = 2,
}
