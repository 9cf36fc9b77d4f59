using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Video;

/// <summary>The one call from vPDQ into the PDQ core: hash a full-resolution float luma frame.</summary>
internal static class FrameHashing
{
    /// <summary>
    /// PDQ of a luma frame at its own size, as the reference's <c>pdqHash256FromFloatLuma</c>: no 512 pre-resize, and
    /// the 64×64 fast path (no blur) for <c>-s 64</c>.
    /// </summary>
    public static PdqResult HashLuma(ReadOnlySpan<float> luma, int width, int height) =>
        PdqHasher.ComputeHashFromLuma(luma, width, height);
}
