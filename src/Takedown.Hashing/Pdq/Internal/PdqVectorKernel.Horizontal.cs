using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <content>
/// The first horizontal box (H1) and the helpers the sampled boxes share.
/// </content>
internal static partial class PdqVectorKernel<TLanes, TVector>
{
    /// <summary>
    /// H1 over one band: for each column block, the <see cref="Groups"/> luma blocks (computed here from
    /// <paramref name="pixels"/> when it is not empty, else read from the float band) are transposed into
    /// the column ring (vector <c>column * Groups + g</c> holds column c of rows <c>g*Count..</c>), then every
    /// block of outputs whose inputs are all in the ring is computed (one running sum per group) and
    /// transposed back into the band's rows of the row ring (row r in slot <c>r % RingRows</c>). Stops once
    /// the outputs up to column <paramref name="outputLimit"/> are in the ring; <paramref name="progress"/>
    /// carries the state to the next call.
    /// </summary>
    private static void HorizontalBand(
        in Layout layout,
        in BoxShape box,
        RgbBand pixels,
        ref float luma,
        ref float columns,
        ref float scratch,
        ref float ring,
        int bandStart,
        int outputLimit,
        ref HorizontalProgress progress)
    {
        bool fused = !pixels.Bytes.IsEmpty;
        ref byte rgb = ref MemoryMarshal.GetReference(pixels.Bytes);
        int rgbStride = pixels.Stride;
        int n = TLanes.Count;
        nuint lanes = (nuint)n;
        nuint columnStride = (nuint)(Groups * n);
        int blocks = layout.PaddedCols / n;
        int rowStride = layout.RowStride;
        int length = box.Length;
        int lead = box.Lead;
        int lag = box.Lag;
        TVector factor = TLanes.Splat(box.Interior);
        bool multiply = box.MultiplyInterior;
        TVector s0 = progress.S0;
        TVector s1 = progress.S1;
        TVector s2 = progress.S2;
        TVector s3 = progress.S3;
        int nextBlock = progress.NextBlock;
        int cb = progress.Block;

        // The vector luma over-reads a few bytes past a block's last pixel: past the end of a row that is the
        // next row's start (or stride padding), so only the band's last row must stay inside the pixel span.
        long lastRowStart = (long)((Groups * n) - 1) * rgbStride;
        int ringBase = bandStart % layout.RingRows;
        int ring0 = ringBase * rowStride;
        int ring1 = (ringBase + n) % layout.RingRows * rowStride;
        int ring2 = (ringBase + (2 * n)) % layout.RingRows * rowStride;
        int ring3 = (ringBase + (3 * n)) % layout.RingRows * rowStride;
        for (; cb < blocks && nextBlock * n < outputLimit; cb++)
        {
            int c0 = cb * n;
            nuint slot = layout.Column(c0);
            if (fused && c0 + n <= length
                && ((c0 * 3) + TLanes.RgbReadBytes <= pixels.RowBytes || lastRowStart + (c0 * 3) + TLanes.RgbReadBytes <= pixels.Bytes.Length))
            {
                LumaColumns(ref Unsafe.Add(ref rgb, c0 * 3), rgbStride, ref Unsafe.Add(ref columns, slot));
            }
            else if (fused)
            {
                // The block at the right edge: scalar luma (zeros past the last column), then transpose.
                for (int g = 0; g < Groups; g++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        ref byte row = ref Unsafe.Add(ref rgb, ((g * n) + i) * rgbStride);
                        for (int j = 0; j < n; j++)
                        {
                            int c = c0 + j;
                            Unsafe.Add(ref scratch, (i * n) + j) = c < length
                                ? PdqLuma.FromRgb(Unsafe.Add(ref row, 3 * c), Unsafe.Add(ref row, (3 * c) + 1), Unsafe.Add(ref row, (3 * c) + 2))
                                : 0f;
                        }
                    }

                    TLanes.Transpose(ref scratch, lanes, ref Unsafe.Add(ref columns, slot + ((nuint)g * lanes)), columnStride);
                }
            }
            else
            {
                for (int g = 0; g < Groups; g++)
                {
                    TLanes.Transpose(
                        ref Unsafe.Add(ref luma, (g * n * rowStride) + c0), (nuint)rowStride,
                        ref Unsafe.Add(ref columns, slot + ((nuint)g * lanes)), columnStride);
                }
            }

            bool last = cb == blocks - 1;
            int available = Math.Min(c0 + n, length);
            if (nextBlock == 0 && (last || n - 1 + lead < available))
            {
                // Phase 1: the first Lead samples, added in order.
                for (int a = 0; a < lead; a++)
                {
                    ref float x = ref Unsafe.Add(ref columns, layout.Column(a));
                    s0 = TLanes.AddLoaded(s0, ref x, 0);
                    s1 = TLanes.AddLoaded(s1, ref x, lanes);
                    s2 = TLanes.AddLoaded(s2, ref x, 2 * lanes);
                    s3 = TLanes.AddLoaded(s3, ref x, 3 * lanes);
                }
            }

            for (; nextBlock < blocks && (last || (nextBlock * n) + n - 1 + lead < available); nextBlock++)
            {
                int o0 = nextBlock * n;
                if (o0 >= lag && o0 + n - 1 + lead < length)
                {
                    // The common case, in its own small method so the four running sums stay in registers
                    // (in this large method the JIT kept them on the stack, adding a store-forwarding round
                    // trip to every step of the serial add/subtract chains).
                    HorizontalInterior(ref s0, ref s1, ref s2, ref s3, ref columns, layout.Mask, o0 + lead, o0 - lag, in factor, multiply, ref scratch);
                    TransposeIntoRing(ref scratch, ref Unsafe.Add(ref ring, o0), ring0, ring1, ring2, ring3, rowStride);
                    continue;
                }
                else
                {
                    for (int j = 0; j < n; j++)
                    {
                        int o = o0 + j;
                        ref float y = ref Unsafe.Add(ref scratch, (nuint)j * lanes);
                        if (o >= length)
                        {
                            for (nuint g = 0; g < Groups; g++)
                            {
                                TLanes.Store(TLanes.Zero, ref y, g * lanes * lanes);
                            }

                            continue;
                        }

                        if (o + lead < length)
                        {
                            ref float x = ref Unsafe.Add(ref columns, layout.Column(o + lead));
                            s0 = TLanes.AddLoaded(s0, ref x, 0);
                            s1 = TLanes.AddLoaded(s1, ref x, lanes);
                            s2 = TLanes.AddLoaded(s2, ref x, 2 * lanes);
                            s3 = TLanes.AddLoaded(s3, ref x, 3 * lanes);
                        }

                        if (o >= lag)
                        {
                            ref float z = ref Unsafe.Add(ref columns, layout.Column(o - lag));
                            s0 = TLanes.SubtractLoaded(s0, ref z, 0);
                            s1 = TLanes.SubtractLoaded(s1, ref z, lanes);
                            s2 = TLanes.SubtractLoaded(s2, ref z, 2 * lanes);
                            s3 = TLanes.SubtractLoaded(s3, ref z, 3 * lanes);
                        }

                        int count = box.Count(o);
                        TLanes.Store(Scale(s0, count), ref y, 0);
                        TLanes.Store(Scale(s1, count), ref y, lanes * lanes);
                        TLanes.Store(Scale(s2, count), ref y, 2 * lanes * lanes);
                        TLanes.Store(Scale(s3, count), ref y, 3 * lanes * lanes);
                    }
                }

                for (int g = 0; g < Groups; g++)
                {
                    // The group's Count rows are contiguous in the ring (its row count is a multiple of Count).
                    TLanes.Transpose(
                        ref Unsafe.Add(ref scratch, g * n * n), lanes,
                        ref Unsafe.Add(ref ring, ((bandStart + (g * n)) % layout.RingRows * rowStride) + o0), (nuint)rowStride);
                }
            }
        }

        progress = new HorizontalProgress(s0, s1, s2, s3, cb, nextBlock);
    }

    /// <summary>Where H1 stands between calls of <see cref="HorizontalBand"/>: its running sums, the next input block and output block.</summary>
    private readonly record struct HorizontalProgress(TVector S0, TVector S1, TVector S2, TVector S3, int Block, int NextBlock);

    /// <summary>
    /// Luma of the band's <see cref="Groups"/> x Count rows at one column block (<paramref name="rgb"/> points
    /// at the block's first pixel in the band's first row), transposed into the column ring at
    /// <paramref name="columns"/> (vector <c>j * Groups + g</c> = column j of group g).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LumaColumns(ref byte rgb, int rgbStride, ref float columns)
    {
        int n = TLanes.Count;
        nuint columnStride = (nuint)(Groups * n);
        for (int g = 0; g < Groups; g++)
        {
            TLanes.LumaRgbTransposed(ref Unsafe.Add(ref rgb, g * n * rgbStride), rgbStride, ref Unsafe.Add(ref columns, (nuint)(g * n)), columnStride);
        }
    }

    /// <summary>
    /// H1 for Count outputs where every step adds, subtracts and divides by the full window: step j adds
    /// column <c>add + j</c> and subtracts column <c>subtract + j</c> of the column ring (ring index masked by
    /// <paramref name="mask"/>), output j of group g goes to <c>scratch[(g * Count + j) * Count]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HorizontalInterior(
        ref TVector sum0,
        ref TVector sum1,
        ref TVector sum2,
        ref TVector sum3,
        ref float columns,
        int mask,
        int add,
        int subtract,
        in TVector factor,
        bool multiply,
        ref float scratch)
    {
        int n = TLanes.Count;
        nuint lanes = (nuint)n;
        nuint block = lanes * lanes;
        TVector f = factor;
        TVector s0 = sum0;
        TVector s1 = sum1;
        TVector s2 = sum2;
        TVector s3 = sum3;
        for (int j = 0; j < n; j++)
        {
            ref float x = ref Unsafe.Add(ref columns, (nuint)(((add + j) & mask) * Groups * n));
            ref float z = ref Unsafe.Add(ref columns, (nuint)(((subtract + j) & mask) * Groups * n));
            s0 = TLanes.SubtractLoaded(TLanes.AddLoaded(s0, ref x, 0), ref z, 0);
            s1 = TLanes.SubtractLoaded(TLanes.AddLoaded(s1, ref x, lanes), ref z, lanes);
            s2 = TLanes.SubtractLoaded(TLanes.AddLoaded(s2, ref x, 2 * lanes), ref z, 2 * lanes);
            s3 = TLanes.SubtractLoaded(TLanes.AddLoaded(s3, ref x, 3 * lanes), ref z, 3 * lanes);
            ref float y = ref Unsafe.Add(ref scratch, (nuint)j * lanes);
            if (multiply)
            {
                TLanes.Store(TLanes.Multiply(s0, f), ref y, 0);
                TLanes.Store(TLanes.Multiply(s1, f), ref y, block);
                TLanes.Store(TLanes.Multiply(s2, f), ref y, 2 * block);
                TLanes.Store(TLanes.Multiply(s3, f), ref y, 3 * block);
            }
            else
            {
                TLanes.Store(TLanes.Divide(s0, f), ref y, 0);
                TLanes.Store(TLanes.Divide(s1, f), ref y, block);
                TLanes.Store(TLanes.Divide(s2, f), ref y, 2 * block);
                TLanes.Store(TLanes.Divide(s3, f), ref y, 3 * block);
            }
        }

        sum0 = s0;
        sum1 = s1;
        sum2 = s2;
        sum3 = s3;
    }

    /// <summary>
    /// Transposes the <see cref="Groups"/> Count x Count output blocks in <paramref name="scratch"/> into the
    /// row ring (<paramref name="ring"/> points at the block's column in ring row 0): group g's Count rows
    /// are contiguous in the ring, from offset <c>ring0..ring3</c> (slot times row stride, precomputed per
    /// band: integer divisions here cost more than the transposes).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TransposeIntoRing(ref float scratch, ref float ring, int ring0, int ring1, int ring2, int ring3, int rowStride)
    {
        int n = TLanes.Count;
        nuint stride = (nuint)rowStride;
        TLanes.TransposeToDistantRows(ref scratch, (nuint)n, ref Unsafe.Add(ref ring, ring0), stride);
        TLanes.TransposeToDistantRows(ref Unsafe.Add(ref scratch, n * n), (nuint)n, ref Unsafe.Add(ref ring, ring1), stride);
        TLanes.TransposeToDistantRows(ref Unsafe.Add(ref scratch, 2 * n * n), (nuint)n, ref Unsafe.Add(ref ring, ring2), stride);
        TLanes.TransposeToDistantRows(ref Unsafe.Add(ref scratch, 3 * n * n), (nuint)n, ref Unsafe.Add(ref ring, ring3), stride);
    }

    /// <summary>Stores <c>sum / count</c> of each group for every sample index equal to the current one (indices repeat below 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TakeSamples(TVector s0, TVector s1, TVector s2, TVector s3, int count, ReadOnlySpan<int> sampleIndices, ref int next, ref int target, ref float destination)
    {
        nuint n = (nuint)TLanes.Count;
        TVector v0 = Scale(s0, count);
        TVector v1 = Scale(s1, count);
        TVector v2 = Scale(s2, count);
        TVector v3 = Scale(s3, count);
        int current = target;
        do
        {
            ref float y = ref Unsafe.Add(ref destination, (nuint)next * Groups * n);
            TLanes.Store(v0, ref y, 0);
            TLanes.Store(v1, ref y, n);
            TLanes.Store(v2, ref y, 2 * n);
            TLanes.Store(v3, ref y, 3 * n);
            next++;
            target = next < 64 ? sampleIndices[next] : -1;
        }
        while (target == current);
    }

    /// <summary><c>sum / count</c>, as a multiply when the count is a power of two (bit-identical then).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Scale(TVector sum, int count) =>
        BitOperations.IsPow2(count) ? TLanes.Multiply(sum, TLanes.Splat(1f / count)) : TLanes.Divide(sum, TLanes.Splat(count));
}
