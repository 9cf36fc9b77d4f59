using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>Eight-lane operations on <see cref="Vector256{T}"/> (x86 AVX2).</summary>
internal readonly struct PdqLanes256 : IPdqLanes<PdqVector256>
{
    public static int Count => 8;

    public static int RgbReadBytes => 28;

    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    public static PdqVector256 Zero => new(Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 Load(ref float source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(PdqVector256 value, ref float destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 Splat(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 Add(PdqVector256 left, PdqVector256 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 Subtract(PdqVector256 left, PdqVector256 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 AddLoaded(PdqVector256 left, ref float source, nuint index) => new(left.Value + Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 SubtractLoaded(PdqVector256 left, ref float source, nuint index) => new(left.Value - Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 Multiply(PdqVector256 left, PdqVector256 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 Divide(PdqVector256 left, PdqVector256 right) => new(left.Value / right.Value);

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

    /// <summary>
    /// <see cref="Transpose"/> with the cross-lane step done by the stores: each destination row is written as
    /// two 128-bit halves (<c>vmovups</c> / <c>vextractf128</c> to memory), saving the eight
    /// <c>vperm2f128</c> shuffles. Only for destinations that are not read back soon by 256-bit loads (a load
    /// spanning two pending half stores cannot be forwarded).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposeToDistantRows(ref float source, nuint sourceStride, ref float destination, nuint destinationStride)
    {
        Vector256<float> t0 = Avx.UnpackLow(Vector256.LoadUnsafe(ref source), Vector256.LoadUnsafe(ref source, sourceStride));
        Vector256<float> t1 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref source), Vector256.LoadUnsafe(ref source, sourceStride));
        Vector256<float> t2 = Avx.UnpackLow(Vector256.LoadUnsafe(ref source, 2 * sourceStride), Vector256.LoadUnsafe(ref source, 3 * sourceStride));
        Vector256<float> t3 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref source, 2 * sourceStride), Vector256.LoadUnsafe(ref source, 3 * sourceStride));
        Vector256<float> t4 = Avx.UnpackLow(Vector256.LoadUnsafe(ref source, 4 * sourceStride), Vector256.LoadUnsafe(ref source, 5 * sourceStride));
        Vector256<float> t5 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref source, 4 * sourceStride), Vector256.LoadUnsafe(ref source, 5 * sourceStride));
        Vector256<float> t6 = Avx.UnpackLow(Vector256.LoadUnsafe(ref source, 6 * sourceStride), Vector256.LoadUnsafe(ref source, 7 * sourceStride));
        Vector256<float> t7 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref source, 6 * sourceStride), Vector256.LoadUnsafe(ref source, 7 * sourceStride));
        StoreHalves(Avx.Shuffle(t0, t2, 0x44), Avx.Shuffle(t4, t6, 0x44), ref destination, destinationStride);
        StoreHalves(Avx.Shuffle(t0, t2, 0xEE), Avx.Shuffle(t4, t6, 0xEE), ref Unsafe.Add(ref destination, destinationStride), destinationStride);
        StoreHalves(Avx.Shuffle(t1, t3, 0x44), Avx.Shuffle(t5, t7, 0x44), ref Unsafe.Add(ref destination, 2 * destinationStride), destinationStride);
        StoreHalves(Avx.Shuffle(t1, t3, 0xEE), Avx.Shuffle(t5, t7, 0xEE), ref Unsafe.Add(ref destination, 3 * destinationStride), destinationStride);
    }

    /// <summary>Row 0 = low halves of <paramref name="left"/>, <paramref name="right"/>; row 4 = their high halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHalves(Vector256<float> left, Vector256<float> right, ref float destination, nuint destinationStride)
    {
        left.GetLower().StoreUnsafe(ref destination);
        right.GetLower().StoreUnsafe(ref destination, 4);
        left.GetUpper().StoreUnsafe(ref destination, 4 * destinationStride);
        right.GetUpper().StoreUnsafe(ref destination, (4 * destinationStride) + 4);
    }

    /// <summary>
    /// Luma of an 8x8 block of interleaved RGB pixels (8 rows), stored transposed (one vector per column).
    /// Each luma vector holds four pixels of row i in its low 128-bit lane and the same four pixels of row
    /// i + 4 in its high lane, so two in-lane 4x4 transposes give the columns directly (no cross-lane step).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LumaRgbTransposed(ref byte source, nint sourceStride, ref float destination, nuint destinationStride)
    {
        ref byte upper = ref Unsafe.Add(ref source, 4 * sourceStride);
        Vector256<float> a0 = LumaRows(ref source, ref upper, 0);
        Vector256<float> a1 = LumaRows(ref source, ref upper, sourceStride);
        Vector256<float> a2 = LumaRows(ref source, ref upper, 2 * sourceStride);
        Vector256<float> a3 = LumaRows(ref source, ref upper, 3 * sourceStride);
        TransposeLanes(a0, a1, a2, a3, ref destination, destinationStride);
        Vector256<float> b0 = LumaRows(ref source, ref upper, 12);
        Vector256<float> b1 = LumaRows(ref source, ref upper, sourceStride + 12);
        Vector256<float> b2 = LumaRows(ref source, ref upper, (2 * sourceStride) + 12);
        Vector256<float> b3 = LumaRows(ref source, ref upper, (3 * sourceStride) + 12);
        TransposeLanes(b0, b1, b2, b3, ref Unsafe.Add(ref destination, 4 * destinationStride), destinationStride);
    }

    /// <summary>
    /// Four in-lane 4x4 transposes in one: row k of the input holds <c>[x_k | y_k]</c> (four values each),
    /// destination row j gets <c>[x_0[j] .. x_3[j] | y_0[j] .. y_3[j]]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeLanes(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3, ref float destination, nuint destinationStride)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Avx.Shuffle(t0, t2, 0x44).StoreUnsafe(ref destination);
        Avx.Shuffle(t0, t2, 0xEE).StoreUnsafe(ref destination, destinationStride);
        Avx.Shuffle(t1, t3, 0x44).StoreUnsafe(ref destination, 2 * destinationStride);
        Avx.Shuffle(t1, t3, 0xEE).StoreUnsafe(ref destination, 3 * destinationStride);
    }

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
    /// Pixels 0..3 come from bytes 0..15 and pixels 4..7 from bytes 12..27, one 128-bit lane each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 LumaRgb(ref byte source) =>
        new(LumaOfPixels(Join(ref source, ref Unsafe.Add(ref source, 12))));

    /// <summary>Luma of the four pixels at <c>offset</c> of <paramref name="low"/> (low lane) and of <paramref name="high"/> (high lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LumaRows(ref byte low, ref byte high, nint offset) =>
        LumaOfPixels(Join(ref Unsafe.Add(ref low, offset), ref Unsafe.Add(ref high, offset)));

    /// <summary>
    /// 16 bytes at <paramref name="low"/> in the low lane and 16 at <paramref name="high"/> in the high lane, by
    /// the AVX2 intrinsic rather than <c>Vector256.Create(Vector128, Vector128)</c>, which crossgen2 leaves to
    /// the JIT ("ABI unstable" <c>Vector128&lt;byte&gt;</c> argument) so that ReadyToRun would skip the kernel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Join(ref byte low, ref byte high) =>
        Avx2.InsertVector128(Vector128.LoadUnsafe(ref low).ToVector256Unsafe(), Vector128.LoadUnsafe(ref high), 1);

    /// <summary>
    /// Luma of four RGB pixels per 128-bit lane (bytes 0..11 of each lane), with no conversions. Byte 15 of each lane
    /// (unused) is set to <c>0x4B</c> by one blend, so that each channel's in-lane <c>vpshufb</c> builds the float
    /// <c>2^23 + v</c> directly (bits <c>0x4B00_00vv</c>). One fused multiply-add per channel then computes
    /// <c>(2^23 + v) * w - 2^23 * w</c>, which is <c>v * w</c> exactly, rounded once: the reference's product, bit for
    /// bit. The sums are rounded one at a time, as the reference compiles them. Against three conversions and three
    /// multiplies: 1.03-1.05x on the whole 512x512 kernel (A/B, 8 processes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LumaOfPixels(Vector256<byte> bytes)
    {
        const float Magic = 8388608f;
        Vector256<byte> marked = Avx2.Blend(bytes.AsInt32(), Vector256.Create(0x4B000000), 0b1000_1000).AsByte();
        Vector256<float> r = Avx2.Shuffle(marked, Vector256.Create(
            (byte)0, 0x80, 0x80, 15, 3, 0x80, 0x80, 15, 6, 0x80, 0x80, 15, 9, 0x80, 0x80, 15,
            0, 0x80, 0x80, 15, 3, 0x80, 0x80, 15, 6, 0x80, 0x80, 15, 9, 0x80, 0x80, 15)).AsSingle();
        Vector256<float> g = Avx2.Shuffle(marked, Vector256.Create(
            (byte)1, 0x80, 0x80, 15, 4, 0x80, 0x80, 15, 7, 0x80, 0x80, 15, 10, 0x80, 0x80, 15,
            1, 0x80, 0x80, 15, 4, 0x80, 0x80, 15, 7, 0x80, 0x80, 15, 10, 0x80, 0x80, 15)).AsSingle();
        Vector256<float> b = Avx2.Shuffle(marked, Vector256.Create(
            (byte)2, 0x80, 0x80, 15, 5, 0x80, 0x80, 15, 8, 0x80, 0x80, 15, 11, 0x80, 0x80, 15,
            2, 0x80, 0x80, 15, 5, 0x80, 0x80, 15, 8, 0x80, 0x80, 15, 11, 0x80, 0x80, 15)).AsSingle();
        Vector256<float> pr = Fma.MultiplyAdd(r, Vector256.Create(PdqLuma.R), Vector256.Create(-Magic * PdqLuma.R));
        Vector256<float> pg = Fma.MultiplyAdd(g, Vector256.Create(PdqLuma.G), Vector256.Create(-Magic * PdqLuma.G));
        Vector256<float> pb = Fma.MultiplyAdd(b, Vector256.Create(PdqLuma.B), Vector256.Create(-Magic * PdqLuma.B));
        return (pr + pg) + pb;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector256 LumaGrey(ref byte source) => new(GreyOfPixels(ref source));

    /// <summary>
    /// Luma (<c>(float)grey</c>) of an 8x8 block of grey pixels (row i at <c>source + i*sourceStride</c>, eight
    /// bytes read per row), stored transposed: destination row j = the block's column j.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LumaGreyTransposed(ref byte source, nint sourceStride, ref float destination, nuint destinationStride) =>
        TransposeStore(
            GreyOfPixels(ref source),
            GreyOfPixels(ref Unsafe.Add(ref source, sourceStride)),
            GreyOfPixels(ref Unsafe.Add(ref source, 2 * sourceStride)),
            GreyOfPixels(ref Unsafe.Add(ref source, 3 * sourceStride)),
            GreyOfPixels(ref Unsafe.Add(ref source, 4 * sourceStride)),
            GreyOfPixels(ref Unsafe.Add(ref source, 5 * sourceStride)),
            GreyOfPixels(ref Unsafe.Add(ref source, 6 * sourceStride)),
            GreyOfPixels(ref Unsafe.Add(ref source, 7 * sourceStride)),
            ref destination,
            destinationStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> GreyOfPixels(ref byte source) =>
        Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref source)).AsByte()));
}
