using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Video;

/// <summary>The calls from vPDQ into the PDQ core: hash one full-resolution frame.</summary>
internal static class FrameHashing
{
    /// <summary>
    /// PDQ of a luma frame at its own size, as the reference's <c>pdqHash256FromFloatLuma</c>: no 512 pre-resize, and
    /// the 64×64 fast path (no blur) for <c>-s 64</c>.
    /// </summary>
    public static PdqResult HashLuma(ReadOnlySpan<float> luma, int width, int height) =>
        PdqHasher.ComputeHashFromLuma(luma, width, height);

    /// <summary>
    /// PDQ of a packed RGB24 frame (no row padding) at its own size: the same result as <see cref="Rgb24Luma"/>
    /// followed by <see cref="HashLuma"/> (the reference's <c>fillFloatLumaFromRGB</c> then
    /// <c>pdqHash256FromFloatLuma</c>), but the PDQ kernel computes luma block by block as it filters, so no
    /// full-frame float copy is written and read back.
    /// </summary>
    public static PdqResult HashRgb24(ReadOnlySpan<byte> rgb, int width, int height) =>
        PdqHasher.ComputeHashNoResize(rgb, width, height, width * 3, PdqPixelFormat.Rgb24);
}
