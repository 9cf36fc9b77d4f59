namespace Takedown.Hashing.Imaging;

/// <summary>How <see cref="ImageDecoder"/> decodes an image for hashing. Immutable; share one instance.</summary>
public sealed record ImageDecodeOptions
{
    /// <summary>The default pixel limit: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>The default input size limit for streams and buffers: 256 MiB.</summary>
    public const long DefaultMaxInputBytes = 256L * 1024 * 1024;

    /// <summary>The defaults: reference-compatible hashing with shrink-on-load.</summary>
    public static ImageDecodeOptions Default { get; } = new();

    /// <summary>
    /// The largest width × height accepted, checked from the header before any pixel is decoded
    /// (decompression-bomb guard). For animations and multi-page files, the first frame's size.
    /// </summary>
    /// <value>The default value is <see cref="DefaultMaxPixels"/>.</value>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>The largest stream or buffer accepted, in bytes (files on disk are not limited by size).</summary>
    /// <value>The default value is <see cref="DefaultMaxInputBytes"/>.</value>
    public long MaxInputBytes { get; init; } = DefaultMaxInputBytes;

    /// <summary>
    /// Applies the EXIF/TIFF orientation tag. Off by default: the reference and HMA hash the pixels as stored,
    /// and a match against their hashes needs the same. Dihedral matching covers rotated copies either way.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ApplyOrientation { get; init; }

    /// <summary>What to do with an alpha channel.</summary>
    /// <value>The default value is <see cref="AlphaHandling.Drop"/> (as the reference).</value>
    public AlphaHandling Alpha { get; init; } = AlphaHandling.Drop;

    /// <summary>The colour transparent pixels are composited onto with <see cref="AlphaHandling.Flatten"/>.</summary>
    /// <value>The default value is white.</value>
    public RgbColor Background { get; init; } = RgbColor.White;

    /// <summary>
    /// Lets the JPEG decoder scale by 1/2, 1/4 or 1/8 in the DCT domain when the image is large enough that
    /// both decoded sides stay at least <see cref="ShrinkMinimumSide"/>; the reference's 512×512
    /// nearest-neighbour sampling is then taken from the smaller image. Much faster on large photos; the
    /// hash stays within a few bits of a full decode (tested on every reference image). Set to
    /// <see langword="false"/> for a full decode, i.e. the reference's exact sampling.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ShrinkOnLoad { get; init; } = true;

    /// <summary>The smallest side a shrink-on-load decode may produce.</summary>
    /// <value>The default value is 512 (the reference's sampling size, so no axis is ever up-sampled).</value>
    public int ShrinkMinimumSide { get; init; } = 512;
}
