using System.Runtime.InteropServices;
using Takedown.Core;
using Takedown.Core.Media;
using Takedown.Hashing.Exact;
using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

/// <summary>
/// The real media hasher: SHA-256 and MD5 of the bytes, plus PDQ (and its dihedral variants) when the bytes decode
/// as an image, or vPDQ (one frame hash per second, through FFmpeg) when they are a video container. Images are
/// hashed in memory; a video is handed to FFmpeg through a private temporary file that is deleted as soon as it is
/// hashed (see <see cref="HashVideoAsync"/>).
/// </summary>
public sealed partial class MediaHasher : IMediaHasher, IDisposable
{
    private readonly ImageDecoder _decoder;

    /// <summary>Creates the hasher with a size-limited decoder and the default video limits.</summary>
    public MediaHasher(long maxInputBytes = ImageDecodeOptions.DefaultMaxInputBytes)
        : this(maxInputBytes, new TakedownOptions())
    {
    }

    /// <summary>Creates the hasher with the service's image and video limits.</summary>
    public MediaHasher(TakedownOptions options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).MaxMediaBytes, options)
    {
    }

    private MediaHasher(long maxInputBytes, TakedownOptions options)
    {
        _decoder = new ImageDecoder(new ImageDecodeOptions { MaxInputBytes = maxInputBytes });
        _maxVideoBytes = options.MaxVideoBytes;
        _videoSlots = new SemaphoreSlim(options.MaxConcurrentVideoHashes, options.MaxConcurrentVideoHashes);
        _videoOptions = new VideoHashOptions
        {
            SecondsPerHash = 1.0,
            MaxDegreeOfParallelism = 1,
            MaxDuration = options.MaxVideoDuration,
            MaxFrames = options.MaxVideoFrames,
            Timeout = options.VideoHashTimeout,
        };
    }

    /// <summary>
    /// Hashes media for a removal, a copy sweep or HMA's <c>/h/hash</c>: exact hashes always; PDQ for an image; vPDQ for
    /// a video (waiting for a free video slot). A video FFmpeg cannot read still gets its exact hashes (and no vPDQ),
    /// so a removal never fails because the content is damaged.
    /// </summary>
    public async ValueTask<MediaHashes> HashAsync(ReadOnlyMemory<byte> media, CancellationToken cancellationToken)
    {
        ContentHashes exact = ContentHasher.Compute(media.Span);
        if (VideoSniffer.IsVideo(media.Span) && media.Length <= _maxVideoBytes)
        {
            IReadOnlyList<VideoFrameHash>? frames = null;
            try
            {
                frames = await HashVideoAsync(media, waitForSlot: true, cancellationToken);
            }
            catch (DomainValidationException)
            {
                // Damaged or hostile video: exact hashes only.
            }

            return new MediaHashes(exact.Sha256Hex, exact.Md5Hex, null, 0) { Vpdq = frames };
        }

        PdqResult? pdq = TryHashImage(media);
        return new MediaHashes(exact.Sha256Hex, exact.Md5Hex, pdq?.Hash, pdq?.Quality ?? 0);
    }

    /// <summary>PDQ of the image and its eight dihedral variants (original first), or null when not an image.</summary>
    public PdqDihedralResult? TryHashDihedral(ReadOnlyMemory<byte> media)
    {
        using DecodedImage? image = TryDecode(media);
        return image is null ? null : ImageHasher.ComputeDihedralHashes(image);
    }

    private PdqResult? TryHashImage(ReadOnlyMemory<byte> media)
    {
        using DecodedImage? image = TryDecode(media);
        return image is null ? null : ImageHasher.ComputeHash(image);
    }

    /// <summary>Decodes the bytes as an image, or returns null when they are not one (or not a readable one).</summary>
    private DecodedImage? TryDecode(ReadOnlyMemory<byte> media)
    {
        if (ImageDecoder.DetectFormat(media.Span) == ImageFormat.Unknown)
        {
            return null;
        }

        // The decoder takes a whole array; the request body usually is one, so it is not copied again.
        byte[] bytes = MemoryMarshal.TryGetArray(media, out ArraySegment<byte> segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : media.ToArray();
        try
        {
            return _decoder.Decode(bytes);
        }
        catch (ImageDecodeException)
        {
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
