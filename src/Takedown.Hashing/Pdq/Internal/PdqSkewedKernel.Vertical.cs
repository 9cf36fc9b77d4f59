using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Pdq.Internal;

/// <content>
/// The vertical passes: V1 over every position with H2 across each of its rows, and V2 down the sampled positions
/// into the 64x64 buffer.
/// </content>
internal static partial class PdqSkewedKernel
{
    /// <summary>
    /// V1 down the rows of <paramref name="chunk"/> at the eight positions of window <paramref name="window"/>
    /// together (eight independent chains, from the row ring), and for each row, right away, H2 across those
    /// positions (one chain per row, consecutive rows independent). At chunk 0 each position starts from the final
    /// sums of the position eight earlier, moved up one lane (lane 0 starts a column: the reference's first two
    /// additions). Rows 64l - 2, -1 and 64l + 64, 65 are lanes l - 1 and l + 1 of the ring's rows of the windows
    /// before and after. H2 over positions <c>8 window - 4</c>.. adds V1's outputs of this window and subtracts
    /// the last four of the window before (carried in <paramref name="carry"/>, which gets this window's last
    /// four); its output at position <c>8 (window - 1) + 4</c>, whose lanes are all sampled columns, goes to
    /// <paramref name="sampled"/>.
    /// </summary>
    private static void Vertical1(int window, int chunk, ref float ring, ref float sums, ref float carry, ref float h2Sums, ref float sampled)
    {
        Vector256<float> s0, s1, s2, s3, s4, s5, s6, s7;
        if (chunk == 0)
        {
            s0 = Start(ref sums, ref ring, 0);
            s1 = Start(ref sums, ref ring, 1);
            s2 = Start(ref sums, ref ring, 2);
            s3 = Start(ref sums, ref ring, 3);
            s4 = Start(ref sums, ref ring, 4);
            s5 = Start(ref sums, ref ring, 5);
            s6 = Start(ref sums, ref ring, 6);
            s7 = Start(ref sums, ref ring, 7);
        }
        else
        {
            s0 = Vector256.LoadUnsafe(ref sums);
            s1 = Vector256.LoadUnsafe(ref sums, 8);
            s2 = Vector256.LoadUnsafe(ref sums, 16);
            s3 = Vector256.LoadUnsafe(ref sums, 24);
            s4 = Vector256.LoadUnsafe(ref sums, 32);
            s5 = Vector256.LoadUnsafe(ref sums, 40);
            s6 = Vector256.LoadUnsafe(ref sums, 48);
            s7 = Vector256.LoadUnsafe(ref sums, 56);
        }

        // This window's positions 4..7 go where the next window subtracts them, the previous window's come from
        // the other half of the chunk's carry.
        ref float carryIn = ref Unsafe.Add(ref carry, (window & 1) * 4 * Cell);
        ref float carryOut = ref Unsafe.Add(ref carry, ((window + 1) & 1) * 4 * Cell);
        ref float z = ref Unsafe.Add(ref sampled, (((window - 1) & 3) * Segment * Lanes) + (chunk * Cell));
        int first = chunk * Lanes;
        int from = first;
        int to = first + Lanes;
        if (chunk == 0)
        {
            // Rows 0 and 1: subtract rows 64l - 2 and - 1 (lane l - 1 of ring rows 30, 31; zero for lane 0).
            Row(ref ring, 0, 0, RowKind.Top, ref carryIn, ref carryOut, ref h2Sums, ref z, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
            Row(ref ring, 1, 0, RowKind.Top, ref carryIn, ref carryOut, ref h2Sums, ref z, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
            from = 2;
        }
        else if (chunk == Chunks - 1)
        {
            to = Segment - 2;
        }

        for (int a = from; a < to; a++)
        {
            Row(ref ring, a, first, RowKind.Middle, ref carryIn, ref carryOut, ref h2Sums, ref z, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
        }

        if (chunk == Chunks - 1)
        {
            // Rows 62 and 63: add rows 64l + 64 and 65 (lane l + 1 of ring rows 0, 1, just written for the next
            // window; zero for lane 7).
            Row(ref ring, Segment - 2, first, RowKind.Bottom, ref carryIn, ref carryOut, ref h2Sums, ref z, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
            Row(ref ring, Segment - 1, first, RowKind.Bottom, ref carryIn, ref carryOut, ref h2Sums, ref z, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
        }

        StoreEight(ref sums, s0, s1, s2, s3, s4, s5, s6, s7);
    }

    /// <summary>Where a row of a 64-row segment takes the rows two above and two below it from.</summary>
    private enum RowKind
    {
        /// <summary>Rows 0 and 1: the subtracted row is in the lane above (ring rows 30, 31).</summary>
        Top,

        /// <summary>Rows 2..61: both rows are in this lane.</summary>
        Middle,

        /// <summary>Rows 62 and 63: the added row is in the lane below (ring rows 0, 1 of the next window).</summary>
        Bottom,
    }

    /// <summary>V1 for row <paramref name="a"/> at the eight positions, then H2 across them (see <see cref="Vertical1"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(
        ref float ring,
        int a,
        int first,
        RowKind kind,
        ref float carryIn,
        ref float carryOut,
        ref float h2Sums,
        ref float z,
        ref Vector256<float> s0,
        ref Vector256<float> s1,
        ref Vector256<float> s2,
        ref Vector256<float> s3,
        ref Vector256<float> s4,
        ref Vector256<float> s5,
        ref Vector256<float> s6,
        ref Vector256<float> s7)
    {
        s0 = VerticalStep(s0, ref ring, 0, a, kind);
        s1 = VerticalStep(s1, ref ring, 1, a, kind);
        s2 = VerticalStep(s2, ref ring, 2, a, kind);
        s3 = VerticalStep(s3, ref ring, 3, a, kind);
        s4 = VerticalStep(s4, ref ring, 4, a, kind);
        s5 = VerticalStep(s5, ref ring, 5, a, kind);
        s6 = VerticalStep(s6, ref ring, 6, a, kind);
        s7 = VerticalStep(s7, ref ring, 7, a, kind);
        Vector256<float> o0 = VerticalOut(s0, a, kind);
        Vector256<float> o1 = VerticalOut(s1, a, kind);
        Vector256<float> o2 = VerticalOut(s2, a, kind);
        Vector256<float> o3 = VerticalOut(s3, a, kind);
        Vector256<float> o4 = VerticalOut(s4, a, kind);
        Vector256<float> o5 = VerticalOut(s5, a, kind);
        Vector256<float> o6 = VerticalOut(s6, a, kind);
        Vector256<float> o7 = VerticalOut(s7, a, kind);
        nuint r = (nuint)((a - first) * Lanes);
        o4.StoreUnsafe(ref carryOut, r);
        o5.StoreUnsafe(ref carryOut, r + Cell);
        o6.StoreUnsafe(ref carryOut, r + (2 * Cell));
        o7.StoreUnsafe(ref carryOut, r + (3 * Cell));

        // H2 over positions 8 window - 4 + i: add position + 2 (output i of this window), subtract position - 2.
        Vector256<float> h = Vector256.LoadUnsafe(ref h2Sums, r);
        h = (h + o0) - Vector256.LoadUnsafe(ref carryIn, r);
        h.StoreUnsafe(ref z, r);
        h = (h + o1) - Vector256.LoadUnsafe(ref carryIn, r + Cell);
        h = (h + o2) - Vector256.LoadUnsafe(ref carryIn, r + (2 * Cell));
        h = (h + o3) - Vector256.LoadUnsafe(ref carryIn, r + (3 * Cell));
        h = (h + o4) - o0;
        h = (h + o5) - o1;
        h = (h + o6) - o2;
        h = (h + o7) - o3;
        h.StoreUnsafe(ref h2Sums, r);
    }

    /// <summary>One V1 step of position <paramref name="j"/> at row <paramref name="a"/>: add row a + 2, subtract row a - 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> VerticalStep(Vector256<float> s, ref float ring, int j, int a, RowKind kind)
    {
        ref float rows = ref Unsafe.Add(ref ring, j * RowRing * Lanes);
        nuint add = (nuint)(((a + 2) & (RowRing - 1)) * Lanes);
        nuint subtract = (nuint)(((a - 2) & (RowRing - 1)) * Lanes);
        if (kind == RowKind.Top)
        {
            return (s + Vector256.LoadUnsafe(ref rows, add)) - FromLaneAbove(Vector256.LoadUnsafe(ref rows, subtract));
        }

        if (kind == RowKind.Bottom)
        {
            return (s + FromLaneBelow(Vector256.LoadUnsafe(ref rows, add))) - Vector256.LoadUnsafe(ref rows, subtract);
        }

        return (s + Vector256.LoadUnsafe(ref rows, add)) - Vector256.LoadUnsafe(ref rows, subtract);
    }

    /// <summary>
    /// V1's output for a sum at row <paramref name="a"/>: a quarter, except rows 0 and 510 of the image (lane 0 at
    /// row 0, lane 7 at row 62: count 3, a true division) and row 511 (lane 7 at row 63: a half).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> VerticalOut(Vector256<float> s, int a, RowKind kind)
    {
        if (kind == RowKind.Top && a == 0)
        {
            return Avx.Blend(s, ScaledThird(s), 0b0000_0001);
        }

        if (kind == RowKind.Bottom)
        {
            return a == Segment - 2
                ? Avx.Blend(s, ScaledThird(s), 0b1000_0000)
                : s * Vector256.Create(1f, 1f, 1f, 1f, 1f, 1f, 1f, 2f);
        }

        return s;
    }

    /// <summary>
    /// The sums position <paramref name="j"/> of a window starts from: lane l takes lane l - 1 of the final sums
    /// of the position eight earlier; lane 0 starts its column with rows 0 and 1 (the reference's first phase).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Start(ref float finals, ref float ring, int j)
    {
        ref float rows = ref Unsafe.Add(ref ring, j * RowRing * Lanes);
        return Continue(Vector256.LoadUnsafe(ref finals, (nuint)(j * Lanes)), Vector256.LoadUnsafe(ref rows) + Vector256.LoadUnsafe(ref rows, Lanes));
    }

    /// <summary>Lane l gets lane l - 1 of <paramref name="v"/> (the segment above, same column); lane 0 gets zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> FromLaneAbove(Vector256<float> v) =>
        Avx.Blend(Avx2.PermuteVar8x32(v, Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6)), Vector256<float>.Zero, 0b0000_0001);

    /// <summary>Lane l gets lane l + 1 of <paramref name="v"/> (the segment below, same column); lane 7 gets zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> FromLaneBelow(Vector256<float> v) =>
        Avx.Blend(Avx2.PermuteVar8x32(v, Vector256.Create(1, 2, 3, 4, 5, 6, 7, 0)), Vector256<float>.Zero, 0b1000_0000);

    /// <summary>
    /// A vertical chain's sums at the top of a segment: lane l continues lane l - 1 of <paramref name="finals"/>
    /// (the same column, 64 rows higher); lane 0 starts its column with <paramref name="fresh"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Continue(Vector256<float> finals, Vector256<float> fresh) =>
        Avx.Blend(Avx2.PermuteVar8x32(finals, Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6)), fresh, 0b0000_0001);

    /// <summary>
    /// V2 down rows <c>8 chunk</c>.. of the sampled position of <paramref name="block"/> (one chain, carried from
    /// the chunk before and, at chunk 0, from the block before), with the output at the chunk's sampled row
    /// <c>64l + 8 chunk + 4</c> written to the 64x64 buffer (row <c>8l + chunk</c>, column <c>block - l</c>).
    /// One chunk at a time, so that the out-of-order core overlaps this serial chain with the other passes.
    /// </summary>
    private static void Vertical2(int block, int chunk, ref float sampled, ref float sum, ref float output)
    {
        ref float column = ref Unsafe.Add(ref sampled, (block & 3) * Segment * Lanes);
        Vector256<float> s = Vector256.LoadUnsafe(ref sum);
        int from = chunk * Lanes;
        int to = from + Lanes;
        if (chunk == 0)
        {
            // Lane l continues lane l - 1 of the block before; lane 0 starts its column with rows 0 and 1.
            ref float previous = ref Unsafe.Add(ref sampled, ((block - 1) & 3) * Segment * Lanes);
            s = Continue(s, Vector256.LoadUnsafe(ref column) + Vector256.LoadUnsafe(ref column, Lanes));
            for (int a = 0; a < 2; a++)
            {
                s = (s + Vector256.LoadUnsafe(ref column, (nuint)((a + 2) * Lanes))) - FromLaneAbove(Vector256.LoadUnsafe(ref previous, (nuint)((a + Segment - 2) * Lanes)));
            }

            from = 2;
        }
        else if (chunk == Chunks - 1)
        {
            to = Segment - 2;
        }

        for (int a = from; a < to; a++)
        {
            s = (s + Vector256.LoadUnsafe(ref column, (nuint)((a + 2) * Lanes))) - Vector256.LoadUnsafe(ref column, (nuint)((a - 2) * Lanes));
            if ((a & 7) == 4)
            {
                Scatter(s * Vector256.Create(1f / OutputScale), block, chunk, ref output);
            }
        }

        if (chunk == Chunks - 1)
        {
            // Lane l continues with lane l + 1 of the next block's rows 0 and 1 (nothing below lane 7).
            ref float next = ref Unsafe.Add(ref sampled, ((block + 1) & 3) * Segment * Lanes);
            for (int a = Segment - 2; a < Segment; a++)
            {
                s = (s + FromLaneBelow(Vector256.LoadUnsafe(ref next, (nuint)((a + 2 - Segment) * Lanes)))) - Vector256.LoadUnsafe(ref column, (nuint)((a - 2) * Lanes));
            }
        }

        s.StoreUnsafe(ref sum);
    }

    /// <summary>
    /// Writes lane l of <paramref name="values"/> to row <c>8l + chunk</c>, column <c>block - l</c>, where that column
    /// exists. Inlined: a method that is not inlined and takes a vector by value would be left to the JIT by
    /// ReadyToRun (crossgen2: "ABI unstable"), and its caller with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter(Vector256<float> values, int block, int chunk, ref float output)
    {
        for (int l = 0; l < Lanes; l++)
        {
            int j = block - l;
            if ((uint)j < 64)
            {
                Unsafe.Add(ref output, (((Lanes * l) + chunk) * 64) + j) = values.GetElement(l);
            }
        }
    }
}
