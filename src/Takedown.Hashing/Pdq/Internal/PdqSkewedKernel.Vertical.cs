using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Pdq.Internal;

/// <content>
/// The vertical passes: V1 over every position, V2 down the sampled positions into the 64x64 buffer.
/// </content>
internal static partial class PdqSkewedKernel
{
    /// <summary>
    /// V1 down the rows of <paramref name="chunk"/> at the eight positions of a window together (eight
    /// independent chains), from the row ring into the tile after its carried positions. At chunk 0 each
    /// position starts from the final sums of the position eight earlier, moved up one lane (lane 0 starts a
    /// column: the reference's first two additions). Rows 64l - 2, -1 and 64l + 64, 65 are lanes l - 1 and
    /// l + 1 of the ring's rows from the windows before and after.
    /// </summary>
    private static void Vertical1(int chunk, ref float ring, ref float sums, ref float o)
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

        int first = chunk * Lanes;
        int from = first;
        int to = first + Lanes;
        if (chunk == 0)
        {
            // Rows 0 and 1: subtract rows 64l - 2 and - 1 (lane l - 1 of ring rows 30, 31; zero for lane 0);
            // row 0 of the image (lane 0) has count 3.
            for (int a = 0; a < 2; a++)
            {
                s0 = StepFromAbove(s0, ref ring, ref o, 0, a);
                s1 = StepFromAbove(s1, ref ring, ref o, 1, a);
                s2 = StepFromAbove(s2, ref ring, ref o, 2, a);
                s3 = StepFromAbove(s3, ref ring, ref o, 3, a);
                s4 = StepFromAbove(s4, ref ring, ref o, 4, a);
                s5 = StepFromAbove(s5, ref ring, ref o, 5, a);
                s6 = StepFromAbove(s6, ref ring, ref o, 6, a);
                s7 = StepFromAbove(s7, ref ring, ref o, 7, a);
            }

            from = 2;
        }
        else if (chunk == (Segment / Lanes) - 1)
        {
            to = Segment - 2;
        }

        Vector256<float> quarter = Vector256.Create(0.25f);
        for (int a = from; a < to; a++)
        {
            nuint add = (nuint)(((a + 2) & (RowRing - 1)) * Lanes);
            nuint subtract = (nuint)(((a - 2) & (RowRing - 1)) * Lanes);
            nuint at = (nuint)((a - first) * Lanes);
            s0 = (s0 + Vector256.LoadUnsafe(ref ring, add)) - Vector256.LoadUnsafe(ref ring, subtract);
            s1 = (s1 + Vector256.LoadUnsafe(ref ring, add + (RowRing * Lanes))) - Vector256.LoadUnsafe(ref ring, subtract + (RowRing * Lanes));
            s2 = (s2 + Vector256.LoadUnsafe(ref ring, add + (2 * RowRing * Lanes))) - Vector256.LoadUnsafe(ref ring, subtract + (2 * RowRing * Lanes));
            s3 = (s3 + Vector256.LoadUnsafe(ref ring, add + (3 * RowRing * Lanes))) - Vector256.LoadUnsafe(ref ring, subtract + (3 * RowRing * Lanes));
            s4 = (s4 + Vector256.LoadUnsafe(ref ring, add + (4 * RowRing * Lanes))) - Vector256.LoadUnsafe(ref ring, subtract + (4 * RowRing * Lanes));
            s5 = (s5 + Vector256.LoadUnsafe(ref ring, add + (5 * RowRing * Lanes))) - Vector256.LoadUnsafe(ref ring, subtract + (5 * RowRing * Lanes));
            s6 = (s6 + Vector256.LoadUnsafe(ref ring, add + (6 * RowRing * Lanes))) - Vector256.LoadUnsafe(ref ring, subtract + (6 * RowRing * Lanes));
            s7 = (s7 + Vector256.LoadUnsafe(ref ring, add + (7 * RowRing * Lanes))) - Vector256.LoadUnsafe(ref ring, subtract + (7 * RowRing * Lanes));
            (s0 * quarter).StoreUnsafe(ref o, at);
            (s1 * quarter).StoreUnsafe(ref o, at + Cell);
            (s2 * quarter).StoreUnsafe(ref o, at + (2 * Cell));
            (s3 * quarter).StoreUnsafe(ref o, at + (3 * Cell));
            (s4 * quarter).StoreUnsafe(ref o, at + (4 * Cell));
            (s5 * quarter).StoreUnsafe(ref o, at + (5 * Cell));
            (s6 * quarter).StoreUnsafe(ref o, at + (6 * Cell));
            (s7 * quarter).StoreUnsafe(ref o, at + (7 * Cell));
        }

        if (chunk == (Segment / Lanes) - 1)
        {
            // Rows 62 and 63: add rows 64l + 64 and 65 (lane l + 1 of ring rows 0, 1, just written for the next
            // window; zero for lane 7); rows 510 and 511 of the image (lane 7) have counts 3 and 2.
            for (int a = Segment - 2; a < Segment; a++)
            {
                s0 = StepFromBelow(s0, ref ring, ref o, 0, a);
                s1 = StepFromBelow(s1, ref ring, ref o, 1, a);
                s2 = StepFromBelow(s2, ref ring, ref o, 2, a);
                s3 = StepFromBelow(s3, ref ring, ref o, 3, a);
                s4 = StepFromBelow(s4, ref ring, ref o, 4, a);
                s5 = StepFromBelow(s5, ref ring, ref o, 5, a);
                s6 = StepFromBelow(s6, ref ring, ref o, 6, a);
                s7 = StepFromBelow(s7, ref ring, ref o, 7, a);
            }
        }

        s0.StoreUnsafe(ref sums);
        s1.StoreUnsafe(ref sums, 8);
        s2.StoreUnsafe(ref sums, 16);
        s3.StoreUnsafe(ref sums, 24);
        s4.StoreUnsafe(ref sums, 32);
        s5.StoreUnsafe(ref sums, 40);
        s6.StoreUnsafe(ref sums, 48);
        s7.StoreUnsafe(ref sums, 56);
    }

    /// <summary>
    /// The sums position <paramref name="j"/> of a window starts from: lane l takes lane l - 1 of the final sums
    /// of the position eight earlier; lane 0 starts its column with rows 0 and 1 (the reference's first phase).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Start(ref float finals, ref float ring, int j)
    {
        Vector256<float> carried = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref finals, (nuint)(j * Lanes)), Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6));
        ref float rows = ref Unsafe.Add(ref ring, j * RowRing * Lanes);
        Vector256<float> fresh = Vector256.LoadUnsafe(ref rows) + Vector256.LoadUnsafe(ref rows, Lanes);
        return Avx.Blend(carried, fresh, 0b0000_0001);
    }

    /// <summary>Row <paramref name="a"/> (0 or 1) of position <paramref name="j"/>: the subtracted row comes from the lane above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> StepFromAbove(Vector256<float> s, ref float ring, ref float o, int j, int a)
    {
        ref float rows = ref Unsafe.Add(ref ring, j * RowRing * Lanes);
        Vector256<float> above = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref rows, (nuint)((RowRing - 2 + a) * Lanes)), Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6));
        above = Avx.Blend(above, Vector256<float>.Zero, 0b0000_0001);
        s = (s + Vector256.LoadUnsafe(ref rows, (nuint)((a + 2) * Lanes))) - above;
        Vector256<float> quarter = s * Vector256.Create(0.25f);
        Vector256<float> result = a == 0 ? Avx.Blend(quarter, s / Vector256.Create(3f), 0b0000_0001) : quarter;
        result.StoreUnsafe(ref o, (nuint)((j * Cell) + (a * Lanes)));
        return s;
    }

    /// <summary>Row <paramref name="a"/> (62 or 63) of position <paramref name="j"/>: the added row comes from the lane below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> StepFromBelow(Vector256<float> s, ref float ring, ref float o, int j, int a)
    {
        ref float rows = ref Unsafe.Add(ref ring, j * RowRing * Lanes);
        Vector256<float> below = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref rows, (nuint)((a + 2 - Segment) * Lanes)), Vector256.Create(1, 2, 3, 4, 5, 6, 7, 0));
        below = Avx.Blend(below, Vector256<float>.Zero, 0b1000_0000);
        s = (s + below) - Vector256.LoadUnsafe(ref rows, (nuint)(((a - 2) & (RowRing - 1)) * Lanes));
        Vector256<float> result = a == Segment - 2
            ? Avx.Blend(s * Vector256.Create(0.25f), s / Vector256.Create(3f), 0b1000_0000)
            : s * Vector256.Create(0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.5f);
        result.StoreUnsafe(ref o, (nuint)((j * Cell) + ((a - (Segment - Lanes)) * Lanes)));
        return s;
    }

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
            Vector256<int> up = Vector256.Create(7, 0, 1, 2, 3, 4, 5, 6);
            ref float previous = ref Unsafe.Add(ref sampled, ((block - 1) & 3) * Segment * Lanes);
            s = Avx.Blend(Avx2.PermuteVar8x32(s, up), Vector256.LoadUnsafe(ref column) + Vector256.LoadUnsafe(ref column, Lanes), 0b0000_0001);
            for (int a = 0; a < 2; a++)
            {
                Vector256<float> above = Avx.Blend(Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref previous, (nuint)((a + Segment - 2) * Lanes)), up), Vector256<float>.Zero, 0b0000_0001);
                s = (s + Vector256.LoadUnsafe(ref column, (nuint)((a + 2) * Lanes))) - above;
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
                Scatter(s * Vector256.Create(0.25f), block, chunk, ref output);
            }
        }

        if (chunk == Chunks - 1)
        {
            // Lane l continues with lane l + 1 of the next block's rows 0 and 1 (nothing below lane 7).
            Vector256<int> down = Vector256.Create(1, 2, 3, 4, 5, 6, 7, 0);
            ref float next = ref Unsafe.Add(ref sampled, ((block + 1) & 3) * Segment * Lanes);
            for (int a = Segment - 2; a < Segment; a++)
            {
                Vector256<float> below = Avx.Blend(Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref next, (nuint)((a + 2 - Segment) * Lanes)), down), Vector256<float>.Zero, 0b1000_0000);
                s = (s + below) - Vector256.LoadUnsafe(ref column, (nuint)((a - 2) * Lanes));
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
