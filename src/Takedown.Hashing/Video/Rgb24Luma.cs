using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Video;

/// <summary>
/// Packed RGB24 to float luma exactly as the reference's <c>fillFloatLumaFromRGB</c>:
/// <c>(R*0.299f + G*0.587f) + B*0.114f</c> in float32, each product rounded on its own (never fused).
/// </summary>
[SkipLocalsInit]
internal static class Rgb24Luma
{
    private const float RedWeight = 0.299f;
    private const float GreenWeight = 0.587f;
    private const float BlueWeight = 0.114f;

    /// <summary>Pixels per vector step: 16 pixels are 48 bytes, three 16-byte loads.</summary>
    private const int PixelsPerStep = 16;

    /// <summary>Converts <paramref name="rgb"/> (3 bytes a pixel) into <paramref name="luma"/> (one float a pixel).</summary>
    public static void Convert(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        Check(rgb, luma);
        int done = 0;
        if (Vector128.IsHardwareAccelerated && luma.Length >= PixelsPerStep)
        {
            done = ConvertVector128(rgb, luma);
        }

        ConvertScalar(rgb[(done * 3)..], luma[done..]);
    }

    /// <summary>The scalar path, kept as the definition; also finishes the vector path's tail.</summary>
    internal static void ConvertScalar(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        Check(rgb, luma);
        for (int i = 0; i < luma.Length; i++)
        {
            int p = i * 3;
            luma[i] = (rgb[p] * RedWeight + rgb[p + 1] * GreenWeight) + rgb[p + 2] * BlueWeight;
        }
    }

    /// <summary>
    /// Converts whole 16-pixel groups with 128-bit vectors; returns the number of pixels converted (the caller does
    /// the tail). Each lane computes the same float operations in the same order as the scalar path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int ConvertVector128(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        Check(rgb, luma);
        ref byte source = ref MemoryMarshal.GetReference(rgb);
        ref float destination = ref MemoryMarshal.GetReference(luma);

        // De-interleave masks: for channel c, byte k of the result is pixel k's channel c. Pixels 0..5 come from the
        // first 16 bytes, 6..10 from the second, 11..15 from the third; 0x80 is out of range, so Shuffle writes 0
        // there and the three partial results can be OR-ed.
        Vector128<byte> r0 = Vector128.Create((byte)0, 3, 6, 9, 12, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        Vector128<byte> r1 = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 2, 5, 8, 11, 14, 0x80, 0x80, 0x80, 0x80, 0x80);
        Vector128<byte> r2 = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 1, 4, 7, 10, 13);
        Vector128<byte> g0 = Vector128.Create((byte)1, 4, 7, 10, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        Vector128<byte> g1 = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0, 3, 6, 9, 12, 15, 0x80, 0x80, 0x80, 0x80, 0x80);
        Vector128<byte> g2 = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 2, 5, 8, 11, 14);
        Vector128<byte> b0 = Vector128.Create((byte)2, 5, 8, 11, 14, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        Vector128<byte> b1 = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 1, 4, 7, 10, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        Vector128<byte> b2 = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0, 3, 6, 9, 12, 15);

        int steps = luma.Length / PixelsPerStep;
        for (int s = 0; s < steps; s++)
        {
            nuint byteOffset = (nuint)(s * PixelsPerStep * 3);
            Vector128<byte> v0 = Vector128.LoadUnsafe(ref source, byteOffset);
            Vector128<byte> v1 = Vector128.LoadUnsafe(ref source, byteOffset + 16);
            Vector128<byte> v2 = Vector128.LoadUnsafe(ref source, byteOffset + 32);
            Vector128<byte> red = Pick(v0, r0) | Pick(v1, r1) | Pick(v2, r2);
            Vector128<byte> green = Pick(v0, g0) | Pick(v1, g1) | Pick(v2, g2);
            Vector128<byte> blue = Pick(v0, b0) | Pick(v1, b1) | Pick(v2, b2);
            StoreSixteen(red, green, blue, ref destination, (nuint)(s * PixelsPerStep));
        }

        return steps * PixelsPerStep;
    }

    /// <summary>Byte shuffle where an index of 0x80 gives 0: <c>pshufb</c> when available, else the portable shuffle
    /// (which also gives 0 for out-of-range indices).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Pick(Vector128<byte> vector, Vector128<byte> indices) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(vector, indices) : Vector128.Shuffle(vector, indices);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSixteen(Vector128<byte> red, Vector128<byte> green, Vector128<byte> blue, ref float destination, nuint offset)
    {
        (Vector128<ushort> redLow, Vector128<ushort> redHigh) = Vector128.Widen(red);
        (Vector128<ushort> greenLow, Vector128<ushort> greenHigh) = Vector128.Widen(green);
        (Vector128<ushort> blueLow, Vector128<ushort> blueHigh) = Vector128.Widen(blue);
        StoreEight(redLow, greenLow, blueLow, ref destination, offset);
        StoreEight(redHigh, greenHigh, blueHigh, ref destination, offset + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreEight(Vector128<ushort> red, Vector128<ushort> green, Vector128<ushort> blue, ref float destination, nuint offset)
    {
        (Vector128<uint> redLow, Vector128<uint> redHigh) = Vector128.Widen(red);
        (Vector128<uint> greenLow, Vector128<uint> greenHigh) = Vector128.Widen(green);
        (Vector128<uint> blueLow, Vector128<uint> blueHigh) = Vector128.Widen(blue);
        Luma(redLow, greenLow, blueLow).StoreUnsafe(ref destination, offset);
        Luma(redHigh, greenHigh, blueHigh).StoreUnsafe(ref destination, offset + 4);
    }

    /// <summary>(R*0.299f + G*0.587f) + B*0.114f per lane: separate multiplies and adds, in the reference's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Luma(Vector128<uint> red, Vector128<uint> green, Vector128<uint> blue)
    {
        Vector128<float> r = Vector128.ConvertToSingle(red) * Vector128.Create(RedWeight);
        Vector128<float> g = Vector128.ConvertToSingle(green) * Vector128.Create(GreenWeight);
        Vector128<float> b = Vector128.ConvertToSingle(blue) * Vector128.Create(BlueWeight);
        return (r + g) + b;
    }

    private static void Check(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        if (rgb.Length < luma.Length * 3)
        {
            throw new ArgumentException("The RGB buffer needs 3 bytes for every luma value.", nameof(rgb));
        }

        Debug.Assert(luma.Length <= int.MaxValue / 3, "Frame sizes are bounded by FramePlan.");
    }
}
