using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Pdq.Internal;

/// <content>
/// Luma and the first horizontal pass (H1); the second runs inside V1 (see <see cref="Vertical1"/>).
/// </content>
internal static partial class PdqSkewedKernel
{
    /// <summary>
    /// Luma of window <paramref name="window"/> (positions 8 window ..), rows <c>8 chunk</c>.. of each lane, into
    /// the chunk's ring: per row an 8x8 pixel block (RGB, or grey with <paramref name="grey"/>) transposed, lanes
    /// are rows.
    /// </summary>
    private static void Luma(ref byte pixels, int stride, bool grey, int window, int chunk, ref float ring)
    {
        ref float destination = ref Unsafe.Add(ref ring, ((window * Lanes) & (RingSlots - 1)) * Cell);
        int firstRow = chunk * Lanes;

        // From window 71 on, every lane is right of the image.
        if (window >= (Side / Lanes) + Lanes - 1)
        {
            MemoryMarshal.CreateSpan(ref destination, Lanes * Cell).Clear();
            return;
        }

        // The last row's last lanes would read past the pixels (RGB reads 28 bytes for 24): copy them into a
        // padded block instead. Grey reads exactly its eight bytes.
        if (!grey && window >= (Side / Lanes) + Lanes - 2 && chunk == Chunks - 1)
        {
            LumaPadded(ref pixels, stride, window, firstRow, ref destination);
            return;
        }

        // Lane l: row 64l + a, columns 8(window - l) .. +7; consecutive lanes are 64 rows down, 8 pixels left.
        // A lane outside the image (left or right) reads other pixels of the image, then is zeroed.
        int bytesPerPixel = grey ? 1 : 3;
        nint laneStride = ((nint)Segment * stride) - (bytesPerPixel * Lanes);
        ref byte first = ref Unsafe.Add(ref pixels, ((nint)firstRow * stride) + ((nint)window * bytesPerPixel * Lanes));
        for (int a = 0; a < Lanes; a++)
        {
            if (grey)
            {
                PdqLanes256.LumaGreyTransposed(ref Unsafe.Add(ref first, (nint)a * stride), laneStride, ref Unsafe.Add(ref destination, a * Lanes), Cell);
            }
            else
            {
                PdqLanes256.LumaRgbTransposed(ref Unsafe.Add(ref first, (nint)a * stride), laneStride, ref Unsafe.Add(ref destination, a * Lanes), Cell);
            }
        }

        if (window < Lanes - 1 || window >= Segment)
        {
            Vector256<float> inside = LanesInside(window);
            for (nuint i = 0; i < Lanes * Cell; i += Lanes)
            {
                (Vector256.LoadUnsafe(ref destination, i) & inside).StoreUnsafe(ref destination, i);
            }
        }
    }

    /// <summary>All ones in the lanes whose columns of window <paramref name="window"/> are in the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LanesInside(int window)
    {
        Vector256<int> block = Vector256.Create(window) - Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        return (Vector256.GreaterThanOrEqual(block, Vector256<int>.Zero) & Vector256.LessThan(block, Vector256.Create(Side / Lanes))).AsSingle();
    }

    /// <summary><see cref="Luma"/> through a zero-padded copy of each row's eight pixels (valid lanes only).</summary>
    private static void LumaPadded(ref byte pixels, int stride, int window, int firstRow, ref float destination)
    {
        Span<byte> padded = stackalloc byte[Lanes * 32];
        ref byte block0 = ref MemoryMarshal.GetReference(padded);
        for (int a = 0; a < Lanes; a++)
        {
            padded.Clear();
            for (int l = 0; l < Lanes; l++)
            {
                int column = (window - l) * Lanes;
                if (column >= 0 && column < Side)
                {
                    Unsafe.CopyBlockUnaligned(
                        ref Unsafe.Add(ref block0, l * 32),
                        ref Unsafe.Add(ref pixels, ((nint)((Segment * l) + firstRow + a) * stride) + (column * 3)),
                        3 * Lanes);
                }
            }

            PdqLanes256.LumaRgbTransposed(ref block0, 32, ref Unsafe.Add(ref destination, a * Lanes), Cell);
        }
    }

    /// <summary>
    /// H1 over positions <c>8 window - 2</c> .. <c>+ 7</c> for the eight rows of <paramref name="chunk"/> (eight
    /// running sums), from the chunk's luma ring into the row ring.
    /// </summary>
    private static void Horizontal1(int window, int chunk, ref float ring, ref float sums, ref float rowRing)
    {
        if (window >= Lanes && window < Segment)
        {
            Horizontal1Interior(window, chunk, ref ring, ref sums, ref rowRing);
        }
        else
        {
            Horizontal1Edge(window, chunk, ref ring, ref sums, ref rowRing);
        }
    }

    /// <summary>
    /// <see cref="Horizontal1"/> where every lane's positions are inside the image. A method of its own because the
    /// edge path calls out (the factor tables, <see cref="HasThirds"/>): with a call in the loop, code compiled
    /// without a profile (ReadyToRun, or tier 1 without PGO) keeps the eight running sums on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Horizontal1Interior(int window, int chunk, ref float ring, ref float sums, ref float rowRing) =>
        Horizontal1(window, chunk, ref ring, ref sums, ref rowRing, interior: true);

    /// <summary><see cref="Horizontal1"/> at the image's left and right edges.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Horizontal1Edge(int window, int chunk, ref float ring, ref float sums, ref float rowRing) =>
        Horizontal1(window, chunk, ref ring, ref sums, ref rowRing, interior: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Horizontal1(int window, int chunk, ref float ring, ref float sums, ref float rowRing, bool interior)
    {
        Vector256<float> s0 = Vector256.LoadUnsafe(ref sums);
        Vector256<float> s1 = Vector256.LoadUnsafe(ref sums, 8);
        Vector256<float> s2 = Vector256.LoadUnsafe(ref sums, 16);
        Vector256<float> s3 = Vector256.LoadUnsafe(ref sums, 24);
        Vector256<float> s4 = Vector256.LoadUnsafe(ref sums, 32);
        Vector256<float> s5 = Vector256.LoadUnsafe(ref sums, 40);
        Vector256<float> s6 = Vector256.LoadUnsafe(ref sums, 48);
        Vector256<float> s7 = Vector256.LoadUnsafe(ref sums, 56);
        ref float adds = ref Unsafe.Add(ref ring, ((window * Lanes) & (RingSlots - 1)) * Cell);
        ref float rows = ref Unsafe.Add(ref rowRing, (chunk & ((RowRing / Lanes) - 1)) * Cell);
        for (int i = 0; i < Lanes; i++)
        {
            // Position 8 window - 2 + i adds position + 2 (slot of 8 window + i) and subtracts position - 2.
            ref float add = ref Unsafe.Add(ref adds, i * Cell);
            ref float subtract = ref i < 4
                ? ref Unsafe.Add(ref ring, ((((window * Lanes) - 4) & (RingSlots - 1)) + i) * Cell)
                : ref Unsafe.Add(ref adds, (i - 4) * Cell);
            Step(ref add, ref subtract, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
            ref float o = ref Unsafe.Add(ref rows, i * RowRing * Lanes);

            // Four times the reference's outputs (see Scale): the sum itself inside the image; at the edges the
            // position's factor times four and, where a lane's count is 3, a true division times four.
            int position = (window * Lanes) - 2 + i;
            if (interior)
            {
                StoreEight(ref o, s0, s1, s2, s3, s4, s5, s6, s7);
                continue;
            }

            nuint at = (nuint)((position - FactorOrigin) * Lanes);
            Vector256<float> factor = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(EdgeFactors), at);
            if (!HasThirds(position))
            {
                (s0 * factor).StoreUnsafe(ref o);
                (s1 * factor).StoreUnsafe(ref o, 8);
                (s2 * factor).StoreUnsafe(ref o, 16);
                (s3 * factor).StoreUnsafe(ref o, 24);
                (s4 * factor).StoreUnsafe(ref o, 32);
                (s5 * factor).StoreUnsafe(ref o, 40);
                (s6 * factor).StoreUnsafe(ref o, 48);
                (s7 * factor).StoreUnsafe(ref o, 56);
            }
            else
            {
                Vector256<float> thirds = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(EdgeThirds), at);
                EdgeOut(s0, factor, thirds).StoreUnsafe(ref o);
                EdgeOut(s1, factor, thirds).StoreUnsafe(ref o, 8);
                EdgeOut(s2, factor, thirds).StoreUnsafe(ref o, 16);
                EdgeOut(s3, factor, thirds).StoreUnsafe(ref o, 24);
                EdgeOut(s4, factor, thirds).StoreUnsafe(ref o, 32);
                EdgeOut(s5, factor, thirds).StoreUnsafe(ref o, 40);
                EdgeOut(s6, factor, thirds).StoreUnsafe(ref o, 48);
                EdgeOut(s7, factor, thirds).StoreUnsafe(ref o, 56);
            }
        }

        StoreEight(ref sums, s0, s1, s2, s3, s4, s5, s6, s7);
    }

    /// <summary>Stores eight vectors one after another at <paramref name="destination"/> (eight chains' sums or outputs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreEight(
        ref float destination,
        Vector256<float> s0,
        Vector256<float> s1,
        Vector256<float> s2,
        Vector256<float> s3,
        Vector256<float> s4,
        Vector256<float> s5,
        Vector256<float> s6,
        Vector256<float> s7)
    {
        s0.StoreUnsafe(ref destination);
        s1.StoreUnsafe(ref destination, 8);
        s2.StoreUnsafe(ref destination, 16);
        s3.StoreUnsafe(ref destination, 24);
        s4.StoreUnsafe(ref destination, 32);
        s5.StoreUnsafe(ref destination, 40);
        s6.StoreUnsafe(ref destination, 48);
        s7.StoreUnsafe(ref destination, 56);
    }

    /// <summary>One step of eight horizontal running sums: add the cell at <paramref name="add"/>, then subtract the one at <paramref name="subtract"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(
        ref float add,
        ref float subtract,
        ref Vector256<float> s0,
        ref Vector256<float> s1,
        ref Vector256<float> s2,
        ref Vector256<float> s3,
        ref Vector256<float> s4,
        ref Vector256<float> s5,
        ref Vector256<float> s6,
        ref Vector256<float> s7)
    {
        s0 = (s0 + Vector256.LoadUnsafe(ref add)) - Vector256.LoadUnsafe(ref subtract);
        s1 = (s1 + Vector256.LoadUnsafe(ref add, 8)) - Vector256.LoadUnsafe(ref subtract, 8);
        s2 = (s2 + Vector256.LoadUnsafe(ref add, 16)) - Vector256.LoadUnsafe(ref subtract, 16);
        s3 = (s3 + Vector256.LoadUnsafe(ref add, 24)) - Vector256.LoadUnsafe(ref subtract, 24);
        s4 = (s4 + Vector256.LoadUnsafe(ref add, 32)) - Vector256.LoadUnsafe(ref subtract, 32);
        s5 = (s5 + Vector256.LoadUnsafe(ref add, 40)) - Vector256.LoadUnsafe(ref subtract, 40);
        s6 = (s6 + Vector256.LoadUnsafe(ref add, 48)) - Vector256.LoadUnsafe(ref subtract, 48);
        s7 = (s7 + Vector256.LoadUnsafe(ref add, 56)) - Vector256.LoadUnsafe(ref subtract, 56);
    }

    /// <summary>
    /// True when some lane of <paramref name="position"/> is at column 0 or 510 (count 3: a true division); every
    /// other count (4, 2, or 0 outside the image) is a power-of-two factor, exact as a multiply.
    /// </summary>
    private static bool HasThirds(int position)
    {
        int fromRight = position - (Side - 2);
        return (position & (Lanes - 1)) == 0
            ? (uint)position <= (Lanes - 1) * Lanes
            : (fromRight & (Lanes - 1)) == 0 && (uint)fromRight <= (Lanes - 1) * Lanes;
    }

    /// <summary>An edge position's output: <c>sum * factor</c>, or <c>sum / 3</c> in the lanes <paramref name="thirds"/> marks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> EdgeOut(Vector256<float> sum, Vector256<float> factor, Vector256<float> thirds) =>
        Avx.BlendVariable(sum * factor, ScaledThird(sum), thirds);

    /// <summary>
    /// Where a box covers three pixels (the image's first and next-to-last row or column): the reference's true
    /// division <c>sum / 3</c>, then scaled like every pass output (see <see cref="Scale"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScaledThird(Vector256<float> sum) => (sum / Vector256.Create(3f)) * Scale;
}
