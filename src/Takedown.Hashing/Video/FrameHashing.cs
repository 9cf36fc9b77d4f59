using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Video;

/// <summary>The one call from vPDQ into the PDQ core: hash a full-resolution float luma frame.</summary>
internal static class FrameHashing
{
    /// <summary>PDQ of a luma frame at its own size (no 512 pre-resize; 64×64 takes the reference's fast path).</summary>
    public static PdqResult HashLuma(ReadOnlySpan<float> luma, int width, int height) =>
        throw new NotSupportedException($"PDQ core not available yet ({luma.Length} {width}x{height}).");
}
