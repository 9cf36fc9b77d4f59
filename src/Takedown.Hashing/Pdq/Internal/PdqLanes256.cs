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
    /// 8x8 transpose. The 128-bit halves are paired at load time (rows i and i+4, columns 0..3 or 4..7)
    /// so only in-lane shuffles remain: unpack low/high pairs lanes of two rows, then
    /// <c>shufps 0x44</c> / <c>0xEE</c> picks the low / high 64-bit pairs of two unpacked vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose(ref float source, nuint sourceStride, ref float destination, nuint destinationStride)
    {
        for (nuint half = 0; half < 8; half += 4)
        {
            // r_i = [row i, cols half..half+3 | row i+4, cols half..half+3]
            Vector256<float> r0 = Vector256.Create(Vector128.LoadUnsafe(ref source, half), Vector128.LoadUnsafe(ref source, (4 * sourceStride) + half));
            Vector256<float> r1 = Vector256.Create(Vector128.LoadUnsafe(ref source, sourceStride + half), Vector128.LoadUnsafe(ref source, (5 * sourceStride) + half));
            Vector256<float> r2 = Vector256.Create(Vector128.LoadUnsafe(ref source, (2 * sourceStride) + half), Vector128.LoadUnsafe(ref source, (6 * sourceStride) + half));
            Vector256<float> r3 = Vector256.Create(Vector128.LoadUnsafe(ref source, (3 * sourceStride) + half), Vector128.LoadUnsafe(ref source, (7 * sourceStride) + half));

            Vector256<float> t0 = Avx.UnpackLow(r0, r1);   // r0[0] r1[0] r0[1] r1[1]
            Vector256<float> t1 = Avx.UnpackHigh(r0, r1);  // r0[2] r1[2] r0[3] r1[3]
            Vector256<float> t2 = Avx.UnpackLow(r2, r3);
            Vector256<float> t3 = Avx.UnpackHigh(r2, r3);

            Avx.Shuffle(t0, t2, 0x44).StoreUnsafe(ref destination, half * destinationStride);          // column half+0
            Avx.Shuffle(t0, t2, 0xEE).StoreUnsafe(ref destination, (half + 1) * destinationStride);    // column half+1
            Avx.Shuffle(t1, t3, 0x44).StoreUnsafe(ref destination, (half + 2) * destinationStride);    // column half+2
            Avx.Shuffle(t1, t3, 0xEE).StoreUnsafe(ref destination, (half + 3) * destinationStride);    // column half+3
        }
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
