using System.Buffers;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Imaging;

/// <summary>
/// The 8-bit pixels an image contributes to its PDQ hash: the whole image when both sides are at most 512,
/// otherwise the reference's 512×512 nearest-neighbour sample. The buffer is pooled: dispose it.
/// </summary>
public sealed class DecodedImage : IDisposable
{
    private byte[]? _buffer;

    internal DecodedImage(byte[] buffer, int width, int height, PdqPixelFormat format, ImageFormat sourceFormat,
        int sourceWidth, int sourceHeight, int shrinkFactor)
    {
        _buffer = buffer;
        Width = width;
        Height = height;
        PixelFormat = format;
        SourceFormat = sourceFormat;
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        ShrinkFactor = shrinkFactor;
    }

    /// <summary>Width of <see cref="Pixels"/> in pixels.</summary>
    public int Width { get; }

    /// <summary>Height of <see cref="Pixels"/> in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per row of <see cref="Pixels"/> (no padding).</summary>
    public int Stride => PixelFormat == PdqPixelFormat.Grey8 ? Width : Width * 3;

    /// <summary>
    /// <see cref="PdqPixelFormat.Grey8"/> for one-channel images and for colour images whose every (sampled)
    /// pixel has R = G = B, as the reference's ImageMagick decode; otherwise <see cref="PdqPixelFormat.Rgb24"/>.
    /// </summary>
    public PdqPixelFormat PixelFormat { get; }

    /// <summary>The container format of the input.</summary>
    public ImageFormat SourceFormat { get; }

    /// <summary>Width declared by the file (after orientation when it was applied).</summary>
    public int SourceWidth { get; }

    /// <summary>Height declared by the file (after orientation when it was applied).</summary>
    public int SourceHeight { get; }

    /// <summary>The DCT-domain shrink used when decoding: 1 (full decode), 2, 4 or 8.</summary>
    public int ShrinkFactor { get; }

    /// <summary>The pixels, row-major, <see cref="Stride"/> bytes per row.</summary>
    /// <exception cref="ObjectDisposedException">The image was disposed.</exception>
    public ReadOnlySpan<byte> Pixels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            return _buffer.AsSpan(0, Stride * Height);
        }
    }

    /// <summary>Returns the pixel buffer to the pool.</summary>
    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
