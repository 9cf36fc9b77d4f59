using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>Eight-lane operations on <see cref="Vector256{T}"/> (x86 AVX2).</summary>
internal readonly struct PdqLanes256 : IPdqLanes<Vector256<float>>
{
    public static int Count => 8;

    public static int RgbReadBytes => 28;

    public static bool IsSupported => Avx2.IsSupported;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nuint index) => Vector256.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Splat(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;

    /// <summary>
    /// 8x8 transpose from whole-row loads (so a block just stored with 256-bit stores forwards to the
    /// loads): unpack low/high pairs lanes of two rows, <c>shufps 0x44</c> / <c>0xEE</c> picks the low /
    /// high 64-bit pairs of two unpacked vectors (columns j and j+4 of four rows), and <c>vperm2f128</c>
    /// joins the rows 0..3 and 4..7 halves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose(ref float source, nuint sourceStride, ref float destination, nuint destinationStride) =>
        TransposeStore(
            Vector256.LoadUnsafe(ref source),
            Vector256.LoadUnsafe(ref source, sourceStride),
            Vector256.LoadUnsafe(ref source, 2 * sourceStride),
            Vector256.LoadUnsafe(ref source, 3 * sourceStride),
            Vector256.LoadUnsafe(ref source, 4 * sourceStride),
            Vector256.LoadUnsafe(ref source, 5 * sourceStride),
            Vector256.LoadUnsafe(ref source, 6 * sourceStride),
            Vector256.LoadUnsafe(ref source, 7 * sourceStride),
            ref destination,
            destinationStride);

    /// <summary>Luma of an 8x8 block of interleaved RGB pixels (8 rows), stored transposed (one vector per column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LumaRgbTransposed(ref byte source, nint sourceStride, ref float destination, nuint destinationStride) =>
        TransposeStore(
            LumaRgb(ref source),
            LumaRgb(ref Unsafe.Add(ref source, sourceStride)),
            LumaRgb(ref Unsafe.Add(ref source, 2 * sourceStride)),
            LumaRgb(ref Unsafe.Add(ref source, 3 * sourceStride)),
            LumaRgb(ref Unsafe.Add(ref source, 4 * sourceStride)),
            LumaRgb(ref Unsafe.Add(ref source, 5 * sourceStride)),
            LumaRgb(ref Unsafe.Add(ref source, 6 * sourceStride)),
            LumaRgb(ref Unsafe.Add(ref source, 7 * sourceStride)),
            ref destination,
            destinationStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeStore(
        Vector256<float> r0,
        Vector256<float> r1,
        Vector256<float> r2,
        Vector256<float> r3,
        Vector256<float> r4,
        Vector256<float> r5,
        Vector256<float> r6,
        Vector256<float> r7,
        ref float destination,
        nuint destinationStride)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);   // r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5]
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);  // r0[2] r1[2] r0[3] r1[3] | r0[6] r1[6] r0[7] r1[7]
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44);  // column 0 of rows 0..3 | column 4 of rows 0..3
        Vector256<float> u1 = Avx.Shuffle(t0, t2, 0xEE);  // columns 1 | 5
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44);  // columns 2 | 6
        Vector256<float> u3 = Avx.Shuffle(t1, t3, 0xEE);  // columns 3 | 7
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44);  // the same for rows 4..7
        Vector256<float> u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref destination, destinationStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref destination, 2 * destinationStride);
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref destination, 3 * destinationStride);
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref destination, 4 * destinationStride);
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref destination, 5 * destinationStride);
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref destination, 6 * destinationStride);
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref destination, 7 * destinationStride);
    }

    /// <summary>
    /// Pixels 0..3 come from bytes 0..15 and pixels 4..7 from bytes 12..27, one 128-bit lane each, so one
    /// in-lane <c>vpshufb</c> per channel moves byte 3k+c to the low byte of int32 lane k (0x80 zeroes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LumaRgb(ref byte source)
    {
        Vector256<byte> bytes = Vector256.Create(Vector128.LoadUnsafe(ref source), Vector128.LoadUnsafe(ref source, 12));
        Vector256<float> r = Avx.ConvertToVector256Single(Avx2.Shuffle(bytes, Vector256.Create(
            (byte)0, 0x80, 0x80, 0x80, 3, 0x80, 0x80, 0x80, 6, 0x80, 0x80, 0x80, 9, 0x80, 0x80, 0x80,
            0, 0x80, 0x80, 0x80, 3, 0x80, 0x80, 0x80, 6, 0x80, 0x80, 0x80, 9, 0x80, 0x80, 0x80)).AsInt32());
        Vector256<float> g = Avx.ConvertToVector256Single(Avx2.Shuffle(bytes, Vector256.Create(
            (byte)1, 0x80, 0x80, 0x80, 4, 0x80, 0x80, 0x80, 7, 0x80, 0x80, 0x80, 10, 0x80, 0x80, 0x80,
            1, 0x80, 0x80, 0x80, 4, 0x80, 0x80, 0x80, 7, 0x80, 0x80, 0x80, 10, 0x80, 0x80, 0x80)).AsInt32());
        Vector256<float> b = Avx.ConvertToVector256Single(Avx2.Shuffle(bytes, Vector256.Create(
            (byte)2, 0x80, 0x80, 0x80, 5, 0x80, 0x80, 0x80, 8, 0x80, 0x80, 0x80, 11, 0x80, 0x80, 0x80,
            2, 0x80, 0x80, 0x80, 5, 0x80, 0x80, 0x80, 8, 0x80, 0x80, 0x80, 11, 0x80, 0x80, 0x80)).AsInt32());
        return (Vector256.Create(PdqLuma.R) * r) + (Vector256.Create(PdqLuma.G) * g) + (Vector256.Create(PdqLuma.B) * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LumaGrey(ref byte source) =>
        Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref source)).AsByte()));
}
