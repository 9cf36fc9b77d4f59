using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;

namespace Takedown.Core.Media;

/// <summary>The hashes of one piece of media: exact (SHA-256, MD5) and, for images, PDQ with its quality.</summary>
/// <param name="Sha256">SHA-256 of the bytes, 64 lowercase hex digits.</param>
/// <param name="Md5">MD5 of the bytes, 32 lowercase hex digits.</param>
/// <param name="Pdq">PDQ hash, when the media is an image that could be decoded.</param>
/// <param name="PdqQuality">PDQ quality 0..100 (0 when there is no PDQ hash).</param>
public sealed record MediaHashes(string? Sha256, string? Md5, PdqHash? Pdq, int PdqQuality)
{
    /// <summary>The vPDQ frame hashes (one per second), when the media is a video; null otherwise.</summary>
    public IReadOnlyList<VideoFrameHash>? Vpdq { get; init; }
}
