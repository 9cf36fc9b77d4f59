namespace Takedown.Hashing.Pdq.Internal;

/// <summary>Test hook: copies of the intermediate buffers of one hash, to locate a divergence.</summary>
internal sealed class PdqTrace
{
    /// <summary>The 64x64 decimated buffer (row-major).</summary>
    public float[] Buffer64x64 { get; } = new float[64 * 64];

    /// <summary>The 16x16 DCT output (row-major).</summary>
    public float[] Dct16x16 { get; } = new float[16 * 16];
}
