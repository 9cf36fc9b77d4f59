using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <content>
/// The first vertical box (V1) fused with the sampled second horizontal box (H2).
/// </content>
internal static partial class PdqVectorKernel<TLanes, TVector>
{
    /// <summary>
    /// Plans V1 for the band of output rows <c>firstOutput .. firstOutput + Groups*Count - 1</c> (rows below 0
    /// only run phase 1; rows outside the image are never read): for each row, the ring offset of the row it
    /// adds and of the row it subtracts (<paramref name="zeroRow"/> when the reference does neither), and how
    /// it scales the sum (<c>sum * factor</c>, or <c>sum / factor</c> where <paramref name="divides"/> is 1).
    /// Returns how many rows from the first are needed (past the image's last row nothing is).
    /// </summary>
    private static int PlanVertical(in Layout layout, in BoxShape vertical, int firstOutput, int zeroRow, Span<int> addOffsets, Span<int> subtractOffsets, Span<float> factors, Span<int> divides)
    {
        int active = 0;

        // Ring slots advance by one per row: two divisions per band instead of two per row.
        int ringRows = layout.RingRows;
        int addSlot = Modulo(firstOutput + vertical.Lead, ringRows);
        int subtractSlot = Modulo(firstOutput - vertical.Lag, ringRows);
        for (int i = 0; i < addOffsets.Length; i++)
        {
            int o = firstOutput + i;
            int a = o + vertical.Lead;
            addOffsets[i] = a < vertical.Length ? addSlot * layout.RowStride : zeroRow;
            subtractOffsets[i] = o >= vertical.Lag ? subtractSlot * layout.RowStride : zeroRow;
            addSlot = addSlot + 1 == ringRows ? 0 : addSlot + 1;
            subtractSlot = subtractSlot + 1 == ringRows ? 0 : subtractSlot + 1;
            int count = o >= 0 && o < vertical.Length ? vertical.Count(o) : 0;
            bool multiply = count == 0 || BitOperations.IsPow2(count);
            factors[i] = count == 0 ? 0f : multiply ? 1f / count : count;
            divides[i] = multiply ? 0 : 1;
            if (o < vertical.Length)
            {
                active = i + 1;
            }
        }

        return active;
    }

    /// <summary><paramref name="value"/> mod <paramref name="divisor"/> in <c>0 .. divisor - 1</c>, also for negative values.</summary>
    private static int Modulo(int value, int divisor) => ((value % divisor) + divisor) % divisor;

    /// <summary>
    /// V1 (as planned by <see cref="PlanVertical"/>) over the strips of columns from <paramref name="from"/> up to
    /// <paramref name="to"/>, one column block at a time: the block's running sums advance through the band's
    /// rows, the outputs are transposed into the column ring, and H2 advances over every column whose inputs
    /// are now in the ring, storing <c>sum / count</c> only at the sampled columns (vector <c>j * Groups + g</c>
    /// of <paramref name="samples"/>). H2's state carries over between calls in <paramref name="progress"/>.
    /// </summary>
    private static void VerticalStrips(
        in Layout layout,
        in BoxShape vertical,
        in BoxShape horizontal,
        in VerticalPlan plan,
        Span<float> ring,
        Span<float> sums,
        ref float columns,
        ref float scratch,
        ref float samples,
        ReadOnlySpan<int> sampleCols,
        int from,
        int to,
        ref VerticalProgress progress)
    {
        int n = TLanes.Count;
        nuint lanes = (nuint)n;
        nuint columnStride = (nuint)(Groups * n);
        int bandRows = Groups * n;
        int paddedCols = layout.PaddedCols;
        ReadOnlySpan<int> addOffsets = plan.AddOffsets;
        ReadOnlySpan<int> subtractOffsets = plan.SubtractOffsets;
        ReadOnlySpan<float> factors = plan.Factors;
        ReadOnlySpan<int> divides = plan.Divides;
        int activeRows = plan.ActiveRows;
        int activeGroups = (activeRows + n - 1) / n;

        ref float ringStart = ref MemoryMarshal.GetReference(ring);
        ref float sumStart = ref MemoryMarshal.GetReference(sums);
        ref int addStart = ref MemoryMarshal.GetReference(addOffsets);
        ref int subtractStart = ref MemoryMarshal.GetReference(subtractOffsets);
        ref float factorStart = ref MemoryMarshal.GetReference(factors);
        ref int divideStart = ref MemoryMarshal.GetReference(divides);

        int length = horizontal.Length;
        int lead = horizontal.Lead;
        int lag = horizontal.Lag;
        int strip = StripVectors * n;
        int mask = layout.BlurredMask;
        TVector h0 = progress.H0;
        TVector h1 = progress.H1;
        TVector h2 = progress.H2;
        TVector h3 = progress.H3;
        bool primed = progress.Primed;
        int o2 = progress.Output;
        int next = progress.Next;
        int target = progress.Target;
        for (int c = from; c < to; c += strip)
        {
            int stripBlocks = Math.Min(strip, paddedCols - c) / n;
            if (stripBlocks == StripVectors)
            {
                VerticalStrip(ref Unsafe.Add(ref sumStart, c), ref Unsafe.Add(ref ringStart, c), ref addStart, ref subtractStart, ref factorStart, ref divideStart, activeRows, ref scratch);
            }
            else
            {
                VerticalBlocks(plan, ref sumStart, ref ringStart, c, stripBlocks, ref scratch);
            }

            for (int v = 0; v < stripBlocks; v++)
            {
                nuint slot = layout.BlurredColumn(c + (v * n));
                for (int g = 0; g < activeGroups; g++)
                {
                    TLanes.Transpose(
                        ref Unsafe.Add(ref scratch, (g * n * strip) + (v * n)), (nuint)strip,
                        ref Unsafe.Add(ref columns, slot + ((nuint)g * lanes)), columnStride);
                }
            }

            // H2 over every column whose inputs are in the ring (which holds the window and a whole strip).
            int stripEnd = c + (stripBlocks * n);
            bool last = stripEnd == paddedCols;
            int available = Math.Min(stripEnd, length);
            if (!primed && (last || lead < available))
            {
                for (int a = 0; a < lead; a++)
                {
                    ref float x = ref Unsafe.Add(ref columns, layout.BlurredColumn(a));
                    h0 = TLanes.AddLoaded(h0, ref x, 0);
                    h1 = TLanes.AddLoaded(h1, ref x, lanes);
                    h2 = TLanes.AddLoaded(h2, ref x, 2 * lanes);
                    h3 = TLanes.AddLoaded(h3, ref x, 3 * lanes);
                }

                primed = true;
            }

            int limit = last ? length : available - lead;
            while (o2 < limit)
            {
                if (o2 >= lag && o2 + lead < length)
                {
                    int end = Math.Min(limit, length - lead);
                    HorizontalSampledInterior(ref h0, ref h1, ref h2, ref h3, ref columns, mask, lead, lag, o2, end, horizontal.Window, sampleCols, ref next, ref target, ref samples);
                    o2 = Math.Max(o2, end);
                }
                else
                {
                    if (o2 + lead < length)
                    {
                        ref float x = ref Unsafe.Add(ref columns, layout.BlurredColumn(o2 + lead));
                        h0 = TLanes.AddLoaded(h0, ref x, 0);
                        h1 = TLanes.AddLoaded(h1, ref x, lanes);
                        h2 = TLanes.AddLoaded(h2, ref x, 2 * lanes);
                        h3 = TLanes.AddLoaded(h3, ref x, 3 * lanes);
                    }

                    if (o2 >= lag)
                    {
                        ref float z = ref Unsafe.Add(ref columns, layout.BlurredColumn(o2 - lag));
                        h0 = TLanes.SubtractLoaded(h0, ref z, 0);
                        h1 = TLanes.SubtractLoaded(h1, ref z, lanes);
                        h2 = TLanes.SubtractLoaded(h2, ref z, 2 * lanes);
                        h3 = TLanes.SubtractLoaded(h3, ref z, 3 * lanes);
                    }

                    if (o2 == target)
                    {
                        TakeSamples(h0, h1, h2, h3, horizontal.Count(o2), sampleCols, ref next, ref target, ref samples);
                    }

                    o2++;
                }
            }
        }

        progress = new VerticalProgress(h0, h1, h2, h3, primed, o2, next, target);
    }

    /// <summary>
    /// H2 for outputs <paramref name="from"/> up to <paramref name="end"/>, where every step adds column
    /// <c>o + lead</c> and subtracts column <c>o - lag</c> of the column ring (masked by <paramref name="mask"/>),
    /// taking <c>sum / window</c> at the sampled columns. A small method of its own so that the four running
    /// sums stay in registers: in <see cref="VerticalStrips"/> the JIT keeps them on the stack (a load and a
    /// store per step) once they are of the wrapper vector types.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HorizontalSampledInterior(
        ref TVector sum0,
        ref TVector sum1,
        ref TVector sum2,
        ref TVector sum3,
        ref float columns,
        int mask,
        int lead,
        int lag,
        int from,
        int end,
        int window,
        ReadOnlySpan<int> sampleCols,
        ref int next,
        ref int target,
        ref float samples)
    {
        nuint lanes = (nuint)TLanes.Count;
        int bandRows = Groups * TLanes.Count;
        TVector h0 = sum0;
        TVector h1 = sum1;
        TVector h2 = sum2;
        TVector h3 = sum3;
        int sample = target;
        for (int o = from; o < end; o++)
        {
            ref float x = ref Unsafe.Add(ref columns, (nuint)(((o + lead) & mask) * bandRows));
            ref float z = ref Unsafe.Add(ref columns, (nuint)(((o - lag) & mask) * bandRows));
            h0 = TLanes.SubtractLoaded(TLanes.AddLoaded(h0, ref x, 0), ref z, 0);
            h1 = TLanes.SubtractLoaded(TLanes.AddLoaded(h1, ref x, lanes), ref z, lanes);
            h2 = TLanes.SubtractLoaded(TLanes.AddLoaded(h2, ref x, 2 * lanes), ref z, 2 * lanes);
            h3 = TLanes.SubtractLoaded(TLanes.AddLoaded(h3, ref x, 3 * lanes), ref z, 3 * lanes);
            if (o == sample)
            {
                TakeSamples(h0, h1, h2, h3, window, sampleCols, ref next, ref sample, ref samples);
            }
        }

        target = sample;
        sum0 = h0;
        sum1 = h1;
        sum2 = h2;
        sum3 = h3;
    }

    /// <summary>
    /// V1 one column block at a time for the last, narrower strip of a band (<paramref name="blocks"/> blocks
    /// from column <paramref name="from"/>); outputs as <see cref="VerticalStrip"/> lays them out. Kept out of
    /// <see cref="VerticalStrips"/> so that method stays within crossgen2's inlining budget (ReadyToRun).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void VerticalBlocks(in VerticalPlan plan, ref float sums, ref float ring, int from, int blocks, ref float scratch)
    {
        int n = TLanes.Count;
        int strip = StripVectors * n;
        ReadOnlySpan<int> addOffsets = plan.AddOffsets;
        ReadOnlySpan<int> subtractOffsets = plan.SubtractOffsets;
        ReadOnlySpan<float> factors = plan.Factors;
        ReadOnlySpan<int> divides = plan.Divides;
        for (int v = 0; v < blocks; v++)
        {
            nuint c0 = (nuint)(from + (v * n));
            TVector s = TLanes.Load(ref sums, c0);
            for (int i = 0; i < plan.ActiveRows; i++)
            {
                s = TLanes.SubtractLoaded(
                    TLanes.AddLoaded(s, ref ring, (nuint)addOffsets[i] + c0),
                    ref ring, (nuint)subtractOffsets[i] + c0);
                TVector factor = TLanes.Splat(factors[i]);
                TLanes.Store(divides[i] != 0 ? TLanes.Divide(s, factor) : TLanes.Multiply(s, factor), ref scratch, (nuint)((i * strip) + (v * n)));
            }

            TLanes.Store(s, ref sums, c0);
        }
    }

    /// <summary>Where H2 stands between calls of <see cref="VerticalStrips"/>: its running sums, the next output column and sample.</summary>
    private readonly record struct VerticalProgress(TVector H0, TVector H1, TVector H2, TVector H3, bool Primed, int Output, int Next, int Target);

    /// <summary>A band's V1 plan (see <see cref="PlanVertical"/>).</summary>
    private readonly ref struct VerticalPlan(ReadOnlySpan<int> addOffsets, ReadOnlySpan<int> subtractOffsets, ReadOnlySpan<float> factors, ReadOnlySpan<int> divides, int activeRows)
    {
        public ReadOnlySpan<int> AddOffsets { get; } = addOffsets;

        public ReadOnlySpan<int> SubtractOffsets { get; } = subtractOffsets;

        public ReadOnlySpan<float> Factors { get; } = factors;

        public ReadOnlySpan<int> Divides { get; } = divides;

        /// <summary>Rows of the band V1 computes (the rest are past the image and never read).</summary>
        public int ActiveRows { get; } = activeRows;
    }

    /// <summary>
    /// V1 over one strip of <see cref="StripVectors"/> column blocks: eight independent running sums advance
    /// row by row (each row adds and subtracts one ring row, the zero row where the reference does not), and
    /// each row's outputs are its sums times or divided by its factor. Output row i, block v goes to
    /// <c>scratch[i * strip + v * Count]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VerticalStrip(ref float sums, ref float ring, ref int addOffsets, ref int subtractOffsets, ref float factors, ref int divides, int rows, ref float scratch)
    {
        nuint n = (nuint)TLanes.Count;
        nuint strip = StripVectors * n;
        TVector s0 = TLanes.Load(ref sums, 0);
        TVector s1 = TLanes.Load(ref sums, n);
        TVector s2 = TLanes.Load(ref sums, 2 * n);
        TVector s3 = TLanes.Load(ref sums, 3 * n);
        TVector s4 = TLanes.Load(ref sums, 4 * n);
        TVector s5 = TLanes.Load(ref sums, 5 * n);
        TVector s6 = TLanes.Load(ref sums, 6 * n);
        TVector s7 = TLanes.Load(ref sums, 7 * n);
        for (int i = 0; i < rows; i++)
        {
            ref float a = ref Unsafe.Add(ref ring, Unsafe.Add(ref addOffsets, i));
            ref float z = ref Unsafe.Add(ref ring, Unsafe.Add(ref subtractOffsets, i));
            ref float y = ref Unsafe.Add(ref scratch, (nuint)i * strip);
            s0 = TLanes.SubtractLoaded(TLanes.AddLoaded(s0, ref a, 0), ref z, 0);
            s1 = TLanes.SubtractLoaded(TLanes.AddLoaded(s1, ref a, n), ref z, n);
            s2 = TLanes.SubtractLoaded(TLanes.AddLoaded(s2, ref a, 2 * n), ref z, 2 * n);
            s3 = TLanes.SubtractLoaded(TLanes.AddLoaded(s3, ref a, 3 * n), ref z, 3 * n);
            s4 = TLanes.SubtractLoaded(TLanes.AddLoaded(s4, ref a, 4 * n), ref z, 4 * n);
            s5 = TLanes.SubtractLoaded(TLanes.AddLoaded(s5, ref a, 5 * n), ref z, 5 * n);
            s6 = TLanes.SubtractLoaded(TLanes.AddLoaded(s6, ref a, 6 * n), ref z, 6 * n);
            s7 = TLanes.SubtractLoaded(TLanes.AddLoaded(s7, ref a, 7 * n), ref z, 7 * n);
            TVector factor = TLanes.Splat(Unsafe.Add(ref factors, i));
            if (Unsafe.Add(ref divides, i) == 0)
            {
                TLanes.Store(TLanes.Multiply(s0, factor), ref y, 0);
                TLanes.Store(TLanes.Multiply(s1, factor), ref y, n);
                TLanes.Store(TLanes.Multiply(s2, factor), ref y, 2 * n);
                TLanes.Store(TLanes.Multiply(s3, factor), ref y, 3 * n);
                TLanes.Store(TLanes.Multiply(s4, factor), ref y, 4 * n);
                TLanes.Store(TLanes.Multiply(s5, factor), ref y, 5 * n);
                TLanes.Store(TLanes.Multiply(s6, factor), ref y, 6 * n);
                TLanes.Store(TLanes.Multiply(s7, factor), ref y, 7 * n);
            }
            else
            {
                TLanes.Store(TLanes.Divide(s0, factor), ref y, 0);
                TLanes.Store(TLanes.Divide(s1, factor), ref y, n);
                TLanes.Store(TLanes.Divide(s2, factor), ref y, 2 * n);
                TLanes.Store(TLanes.Divide(s3, factor), ref y, 3 * n);
                TLanes.Store(TLanes.Divide(s4, factor), ref y, 4 * n);
                TLanes.Store(TLanes.Divide(s5, factor), ref y, 5 * n);
                TLanes.Store(TLanes.Divide(s6, factor), ref y, 6 * n);
                TLanes.Store(TLanes.Divide(s7, factor), ref y, 7 * n);
            }
        }

        TLanes.Store(s0, ref sums, 0);
        TLanes.Store(s1, ref sums, n);
        TLanes.Store(s2, ref sums, 2 * n);
        TLanes.Store(s3, ref sums, 3 * n);
        TLanes.Store(s4, ref sums, 4 * n);
        TLanes.Store(s5, ref sums, 5 * n);
        TLanes.Store(s6, ref sums, 6 * n);
        TLanes.Store(s7, ref sums, 7 * n);
    }
}
