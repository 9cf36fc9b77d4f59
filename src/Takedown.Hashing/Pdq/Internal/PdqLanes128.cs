using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>Four-lane operations on <see cref="Vector128{T}"/> (SSE on x86; portable elsewhere).</summary>
internal readonly struct PdqLanes128 : IPdqLanes<PdqVector128>
{
    public static int Count => 4;

    public static int RgbReadBytes => 16;

    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    public static PdqVector128 Zero => new(Vector128<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 Load(ref float source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(PdqVector128 value, ref float destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 Splat(float value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 Add(PdqVector128 left, PdqVector128 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 Subtract(PdqVector128 left, PdqVector128 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 AddLoaded(PdqVector128 left, ref float source, nuint index) => new(left.Value + Vector128.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 SubtractLoaded(PdqVector128 left, ref float source, nuint index) => new(left.Value - Vector128.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 Multiply(PdqVector128 left, PdqVector128 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 Divide(PdqVector128 left, PdqVector128 right) => new(left.Value / right.Value);

    /// <summary>
    /// 4x4 transpose: unpack low/high interleaves two rows, then <c>movlhps</c>/<c>movhlps</c> joins the
    /// 64-bit halves of two unpacked vectors into whole columns. Portable element-wise form off x86.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose(ref float source, nuint sourceStride, ref float destination, nuint destinationStride) =>
        TransposeStore(
            Vector128.LoadUnsafe(ref source),
            Vector128.LoadUnsafe(ref source, sourceStride),
            Vector128.LoadUnsafe(ref source, 2 * sourceStride),
            Vector128.LoadUnsafe(ref source, 3 * sourceStride),
            ref destination,
            destinationStride);

    /// <summary>The same as <see cref="Transpose"/> (a 4x4 block has no cross-lane step to move into the stores).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposeToDistantRows(ref float source, nuint sourceStride, ref float destination, nuint destinationStride) =>
        Transpose(ref source, sourceStride, ref destination, destinationStride);

    /// <summary>Luma of a 4x4 block of interleaved RGB pixels (4 rows), stored transposed (one vector per column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LumaRgbTransposed(ref byte source, nint sourceStride, ref float destination, nuint destinationStride) =>
        TransposeStore(
            LumaOfPixels(ref source),
            LumaOfPixels(ref Unsafe.Add(ref source, sourceStride)),
            LumaOfPixels(ref Unsafe.Add(ref source, 2 * sourceStride)),
            LumaOfPixels(ref Unsafe.Add(ref source, 3 * sourceStride)),
            ref destination,
            destinationStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeStore(Vector128<float> r0, Vector128<float> r1, Vector128<float> r2, Vector128<float> r3, ref float destination, nuint destinationStride)
    {
        if (Sse.IsSupported)
        {
            Vector128<float> t0 = Sse.UnpackLow(r0, r1);   // r0[0] r1[0] r0[1] r1[1]
            Vector128<float> t1 = Sse.UnpackHigh(r0, r1);  // r0[2] r1[2] r0[3] r1[3]
            Vector128<float> t2 = Sse.UnpackLow(r2, r3);
            Vector128<float> t3 = Sse.UnpackHigh(r2, r3);
            Sse.MoveLowToHigh(t0, t2).StoreUnsafe(ref destination);                          // column 0
            Sse.MoveHighToLow(t2, t0).StoreUnsafe(ref destination, destinationStride);       // column 1
            Sse.MoveLowToHigh(t1, t3).StoreUnsafe(ref destination, 2 * destinationStride);   // column 2
            Sse.MoveHighToLow(t3, t1).StoreUnsafe(ref destination, 3 * destinationStride);   // column 3
        }
        else
        {
            for (int j = 0; j < 4; j++)
            {
                Vector128.Create(r0.GetElement(j), r1.GetElement(j), r2.GetElement(j), r3.GetElement(j))
                    .StoreUnsafe(ref destination, (nuint)j * destinationStride);
            }
        }
    }

    /// <summary>
    /// One byte shuffle makes int32 k = <c>r | g &lt;&lt; 8 | b &lt;&lt; 16</c> of pixel k; each channel is masked in
    /// place and converted (green as <c>256 g</c>, blue as <c>65536 b</c>, exact in float32) and multiplied
    /// by its weight divided by the same power of two, which leaves every rounded product bit-identical to
    /// the reference's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 LumaRgb(ref byte source) => new(LumaOfPixels(ref source));

    /// <summary>The luma of <see cref="LumaRgb"/> as a vector (see there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LumaOfPixels(ref byte source)
    {
        // Ssse3.Shuffle where there is one (crossgen2 compiles it; it leaves Vector128.ShuffleNative to the JIT).
        Vector128<byte> indices = Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
        Vector128<int> d = (Ssse3.IsSupported
            ? Ssse3.Shuffle(Vector128.LoadUnsafe(ref source), indices)
            : Vector128.Shuffle(Vector128.LoadUnsafe(ref source), indices)).AsInt32();
        Vector128<float> r = Vector128.ConvertToSingle(d & Vector128.Create(0xFF));
        Vector128<float> g = Vector128.ConvertToSingle(d & Vector128.Create(0xFF00));
        Vector128<float> b = Vector128.ConvertToSingle(d & Vector128.Create(0xFF0000));
        return (Vector128.Create(PdqLuma.R) * r) + (Vector128.Create(PdqLuma.G / 256f) * g) + (Vector128.Create(PdqLuma.B / 65536f) * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PdqVector128 LumaGrey(ref byte source)
    {
        Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref source)).AsByte();
        return new(Vector128.ConvertToSingle(Vector128.WidenLower(Vector128.WidenLower(bytes)).AsInt32()));
    }
}
