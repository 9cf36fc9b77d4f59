namespace Takedown.Hashing.Pdq.Internal;

/// <summary>Sizes and sample positions of the reference's blur and decimation.</summary>
internal static class PdqGeometry
{
    /// <summary>The reference's <c>MIN_HASHABLE_DIM</c>: smaller images hash to zero with quality 0.</summary>
    public const int MinHashableDimension = 5;

    /// <summary>The reference's <c>PDQ_NUM_JAROSZ_XY_PASSES</c>.</summary>
    public const int JaroszPasses = 2;

    /// <summary>Side of the decimated buffer.</summary>
    public const int Side = 64;

    /// <summary>Box window along a dimension of <paramref name="length"/>: <c>ceil(length / 128)</c>.</summary>
    public static int WindowSize(int length) => (length + (2 * Side) - 1) / (2 * Side);

    /// <summary>The source index sampled for output <paramref name="i"/> (0..63) of a dimension of <paramref name="length"/>.</summary>
    public static int SampleIndex(int i, int length) => (int)(((i + 0.5) * length) / Side);
}
