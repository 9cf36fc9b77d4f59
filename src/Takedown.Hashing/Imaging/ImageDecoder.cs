using NetVips;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Imaging;

/// <summary>
/// Decodes JPEG, PNG, GIF, WebP, TIFF, HEIF/AVIF (libvips through NetVips) and BMP (managed) into the pixels
/// PDQ hashes, with the reference's conventions: EXIF orientation ignored (unless asked), alpha dropped (or
/// flattened), CMYK and 16-bit converted to 8-bit sRGB, palettes expanded, all-grey images as one channel,
/// and images larger than 512 on a side sampled to 512×512 by nearest neighbour. Untrusted input is safe:
/// the pixel limit is checked from the header before decoding, loading is sequential and fails on
/// truncation or corruption with an <see cref="ImageDecodeException"/>. Thread-safe; share one instance.
/// </summary>
public sealed partial class ImageDecoder
{
    /// <summary>The reference's pre-resize size (<c>DOWNSAMPLE_DIMS</c>): larger images are sampled to this square.</summary>
    public const int SampleSize = 512;

    /// <summary>Creates a decoder with <paramref name="options"/> (or <see cref="ImageDecodeOptions.Default"/>).</summary>
    public ImageDecoder(ImageDecodeOptions? options = null)
    {
        Options = options ?? ImageDecodeOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxPixels, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxInputBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.ShrinkMinimumSide, 64, nameof(options));
        VipsRuntime.EnsureInitialized();
    }

    /// <summary>A decoder with the default options.</summary>
    public static ImageDecoder Default { get; } = new();

    /// <summary>The options this decoder applies.</summary>
    public ImageDecodeOptions Options { get; }

    /// <summary>Identifies the image format from the first bytes of a file (32 are enough).</summary>
    public static ImageFormat DetectFormat(ReadOnlySpan<byte> header) => ImageFormatSniffer.Detect(header);

    /// <summary>Decodes the image file at <paramref name="path"/>.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, unreadable, not an image, too large, or corrupt.</exception>
    public DecodedImage Decode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ImageFormat format = SniffFile(path);
        if (format == ImageFormat.Bmp)
        {
            return DecodeBmp(ReadAllBytesLimited(path), path);
        }

        if (format == ImageFormat.Jpeg && TryDecodeJpegFile(path) is { } fast)
        {
            return fast;
        }

        return DecodeWithVips(new LoadInput(path, null), format, path);
    }

    /// <summary>Decodes an image held in memory. <paramref name="name"/> is used in error messages only.</summary>
    /// <exception cref="ImageDecodeException">The data is empty, too long, not an image, too large, or corrupt.</exception>
    public DecodedImage Decode(byte[] data, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0)
        {
            throw new ImageDecodeException(ImageDecodeError.Empty, name, "empty input (0 bytes)");
        }

        if (data.Length > Options.MaxInputBytes)
        {
            throw TooManyBytes(name);
        }

        ImageFormat format = ImageFormatSniffer.Detect(data.AsSpan(0, Math.Min(data.Length, ImageFormatSniffer.HeaderLength)));
        return format switch
        {
            ImageFormat.Unknown => throw NotAnImage(name),
            ImageFormat.Bmp => DecodeBmp(data, name),
            ImageFormat.Jpeg => TryDecodeWithTurboJpeg(data, name) ?? DecodeWithVips(new LoadInput(null, data), format, name),
            _ => DecodeWithVips(new LoadInput(null, data), format, name),
        };
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end (at most <see cref="ImageDecodeOptions.MaxInputBytes"/>) and
    /// decodes it. Use for standard input and uploads. <paramref name="name"/> is used in error messages only.
    /// </summary>
    /// <exception cref="ImageDecodeException">The data is empty, too long, not an image, too large, or corrupt.</exception>
    public DecodedImage Decode(Stream stream, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Decode(ReadAllLimited(stream, name), name);
    }
}
