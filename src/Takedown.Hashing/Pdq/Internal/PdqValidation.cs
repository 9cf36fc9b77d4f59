using System.Diagnostics.CodeAnalysis;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>Argument checks for the public entry points (throws kept out of the hot methods).</summary>
internal static class PdqValidation
{
    public static void ValidatePixels(ReadOnlySpan<byte> pixels, int width, int height, int stride, PdqPixelFormat format)
    {
        ValidateSize(width, height);
        int channels = format switch
        {
            PdqPixelFormat.Grey8 => 1,
            PdqPixelFormat.Rgb24 => 3,
            _ => ThrowFormat(format),
        };
        long rowBytes = (long)width * channels;
        if (stride < rowBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"Stride must be at least width x {channels} = {rowBytes} bytes.");
        }

        long needed = ((long)(height - 1) * stride) + rowBytes;
        if (pixels.Length < needed)
        {
            throw new ArgumentException($"A {width}x{height} {format} image with stride {stride} needs {needed} bytes; {pixels.Length} given.", nameof(pixels));
        }
    }

    public static void ValidateLuma(ReadOnlySpan<float> luma, int width, int height)
    {
        ValidateSize(width, height);
        long needed = (long)width * height;
        if (luma.Length < needed)
        {
            throw new ArgumentException($"A {width}x{height} luma buffer needs {needed} floats; {luma.Length} given.", nameof(luma));
        }
    }

    private static void ValidateSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
    }

    [DoesNotReturn]
    private static int ThrowFormat(PdqPixelFormat format) =>
        throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format.");
}
