using Takedown.Core;
using Takedown.Core.Media;
using Takedown.Hashing.Exact;
using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;

namespace Takedown.Server.Workflow;

/// <summary>
/// The real media hasher: SHA-256 and MD5 of the bytes, plus PDQ (and its dihedral variants) when the bytes decode
/// as an image. Everything happens in memory; the bytes are never written to disk.
/// </summary>
public sealed class MediaHasher : IMediaHasher
{
    private readonly ImageDecoder _decoder;

    /// <summary>Creates the hasher with a size-limited decoder.</summary>
    public MediaHasher(long maxInputBytes = ImageDecodeOptions.DefaultMaxInputBytes)
    {
        _decoder = new ImageDecoder(new ImageDecodeOptions { MaxInputBytes = maxInputBytes });
    }

    /// <inheritdoc/>
    public ValueTask<MediaHashes> HashAsync(ReadOnlyMemory<byte> media, CancellationToken cancellationToken)
    {
        ContentHashes exact = ContentHasher.Compute(media.Span);
        PdqResult? pdq = TryHashImage(media, out _);
        return ValueTask.FromResult(new MediaHashes(exact.Sha256Hex, exact.Md5Hex, pdq?.Hash, pdq?.Quality ?? 0));
    }

    /// <summary>PDQ of the image and its eight dihedral variants (original first), or null when not an image.</summary>
    public PdqDihedralResult? TryHashDihedral(ReadOnlyMemory<byte> media)
    {
        if (ImageDecoder.DetectFormat(media.Span) == ImageFormat.Unknown)
        {
            return null;
        }

        try
        {
            using DecodedImage image = _decoder.Decode(media.ToArray());
            return ImageHasher.ComputeDihedralHashes(image);
        }
        catch (ImageDecodeException)
        {
            return null;
        }
    }

    private PdqResult? TryHashImage(ReadOnlyMemory<byte> media, out string? failure)
    {
        failure = null;
        if (ImageDecoder.DetectFormat(media.Span) == ImageFormat.Unknown)
        {
            failure = "not an image";
            return null;
        }

        try
        {
            using DecodedImage image = _decoder.Decode(media.ToArray());
            return ImageHasher.ComputeHash(image);
        }
        catch (ImageDecodeException e)
        {
            failure = e.Message;
            return null;
        }
    }

    /// <summary>Throws a validation error for media that cannot be hashed at all.</summary>
    internal static void EnsureNotEmpty(ReadOnlyMemory<byte> media)
    {
        if (media.IsEmpty)
        {
            throw new DomainValidationException("The media is empty.");
        }
    }
}
