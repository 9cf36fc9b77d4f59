using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The blur and decimation stage as one streaming pass over bands of <see cref="Groups"/> x <c>Count</c>
/// rows. Per band, left to right over column blocks of <c>Count</c>, with every buffer but the row ring
/// small enough to stay in L1:
/// <list type="number">
/// <item>H1: luma block transposed into a small ring of column vectors (lanes are rows), horizontal box
/// over it, each finished block of outputs transposed back into a ring of recent rows;</item>
/// <item>V1: vertical box over that ring for the band of output rows <c>Lead</c> rows behind (lanes are
/// columns), each block transposed into a second ring of column vectors;</item>
/// <item>H2: horizontal box over those, dividing only at the 64 sampled columns;</item>
/// <item>V2 (once, at the end): vertical box over the 64 sampled columns, outputs at the 64 sampled rows.</item>
/// </list>
/// Each lane runs the reference's <c>box1DFloat</c> sequence for its row or column exactly: same running
/// sum, add before subtract, division by the current count (a multiply only when the count is a power of
/// two, where <c>x * (1/n)</c> equals <c>x / n</c> bit for bit). Pruning H2 and V2 skips only divisions
/// whose results the decimation never reads.
/// </summary>
[SkipLocalsInit]
internal static partial class PdqVectorKernel<TLanes, TVector>
    where TLanes : struct, IPdqLanes<TVector>
    where TVector : struct
{
    /// <summary>
    /// Independent groups of Count rows in a band: each horizontal running sum is a serial add/subtract
    /// chain, so four chains in flight hide most of the add latency.
    /// </summary>
    private const int Groups = 4;

    /// <summary>
    /// Column blocks V1 advances together (one running sum each, all independent), so its add/subtract
    /// chains along the band's rows overlap instead of running one block at a time.
    /// </summary>
    private const int StripVectors = 8;

    /// <summary>
    /// Blurs and decimates <paramref name="input"/> into the 64x64 buffer (no fast path here). With eight lanes, a
    /// 512x512 8-bit image (every image the reference resizes, and every RGB or grey buffer of that size) goes to
    /// <see cref="PdqSkewedKernel"/> instead, which needs no transposes between the passes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Downsample(in PdqInput input, Span<float> buffer64x64)
    {
        if (typeof(TLanes) == typeof(PdqLanes256) && PdqSkewedKernel.Applies(input))
        {
            PdqSkewedKernel.Downsample(input, buffer64x64);
            return;
        }

        int n = TLanes.Count;
        int bandRows = Groups * n;
        int rows = input.Rows;
        int cols = input.Cols;
        int paddedCols = RoundUp(cols, n);

        // Rows of the luma band and the row ring are one cache line longer than needed: with a power-of-two
        // stride (2 KB for 512 columns) the band's rows all fall in the same few L1 sets and evict each other.
        int rowStride = paddedCols + 16;
        var horizontal = new BoxShape(PdqGeometry.WindowSize(cols), cols);
        var vertical = new BoxShape(PdqGeometry.WindowSize(rows), rows);

        // V1 and H2 work on the output rows vertical.Lead behind the rows H1 has just produced.
        int delay = vertical.Lead;
        int bands = (rows + delay + bandRows - 1) / bandRows;
        int ringRows = RoundUp(vertical.Window + bandRows, n);
        int columnRing = (int)BitOperations.RoundUpToPowerOf2((uint)(horizontal.Window + (2 * n)));

        long lumaSize = (long)bandRows * rowStride;
        long ringSize = (long)ringRows * rowStride;
        int columnsSize = columnRing * bandRows;

        // H2's ring also holds a whole V1 strip, so H2 runs once per strip (not once per column block).
        int blurredRing = (int)BitOperations.RoundUpToPowerOf2((uint)(horizontal.Window + (StripVectors * n) + (2 * n)));
        int blurredSize = blurredRing * bandRows;
        int scratchSize = bandRows * StripVectors * n;
        int samplesSize = 64 * bandRows;
        long planeSize = (long)bands * bandRows * 64;
        long total = lumaSize + ringSize + rowStride + paddedCols + columnsSize + blurredSize + scratchSize + samplesSize + planeSize;
        if (total > Array.MaxLength)
        {
            throw new NotSupportedException($"A {cols}x{rows} image is too large to hash.");
        }

        // Resized RGB: each band's sampled pixels are gathered first (with slack for the vector luma's over-read).
        bool rgb = !input.IsLuma && input.Channels == 3;
        int gatherStride = (cols * 3) + 32;
        byte[]? rentedBytes = rgb && input.Resized ? ArrayPool<byte>.Shared.Rent(bandRows * gatherStride) : null;
        float[] rented = PdqScratch.Rent((int)total);
        try
        {
            Span<float> rest = PdqScratch.Aligned(rented, (int)total);
            Span<float> lumaBand = Take(ref rest, (int)lumaSize);
            // The ring is followed by one row of zeros: V1 adds or subtracts it where the reference adds or
            // subtracts nothing (x + 0 and x - 0 are x exactly), so every band runs the same 8-chain loop.
            Span<float> ring = Take(ref rest, (int)ringSize + rowStride);
            Span<float> verticalSums = Take(ref rest, paddedCols);
            Span<float> lumaColumns = Take(ref rest, columnsSize);
            Span<float> blurredColumns = Take(ref rest, blurredSize);
            Span<float> scratch = Take(ref rest, scratchSize);
            Span<float> samples = Take(ref rest, samplesSize);
            Span<float> plane = Take(ref rest, (int)planeSize);

            // Lanes past the last row or column hold zeros (never garbage that could be a NaN or denormal).
            verticalSums.Clear();
            ring[(int)ringSize..].Clear();
            scratch.Clear();

            Span<int> sampleCols = stackalloc int[64];
            Span<int> sampleRows = stackalloc int[64];
            for (int i = 0; i < 64; i++)
            {
                sampleCols[i] = PdqGeometry.SampleIndex(i, cols);
                sampleRows[i] = PdqGeometry.SampleIndex(i, rows);
            }

            Span<byte> gathered = input.Resized ? stackalloc byte[(PdqInput.ResizeDimension * 3) + 32] : default;
            Span<int> sourceCols = input.Resized ? stackalloc int[PdqInput.ResizeDimension] : default;
            for (int x = 0; x < sourceCols.Length; x++)
            {
                sourceCols[x] = input.SourceCol(x);
            }

            var layout = new Layout(paddedCols, rowStride, columnRing - 1, blurredRing - 1, ringRows);
            Span<int> verticalPlan = stackalloc int[3 * bandRows];
            Span<float> verticalFactors = stackalloc float[bandRows];
            int strip = StripVectors * n;
            for (int band = 0; band < bands; band++)
            {
                int bandStart = band * bandRows;
                bool horizontalRows = bandStart < rows;
                RgbBand pixels = default;
                if (horizontalRows)
                {
                    int validRows = Math.Min(bandRows, rows - bandStart);
                    if (rgb && validRows == bandRows && rentedBytes is not null)
                    {
                        Span<byte> bandBytes = rentedBytes.AsSpan(0, bandRows * gatherStride);
                        for (int k = 0; k < bandRows; k++)
                        {
                            PdqInput.GatherRgbRow(input.Pixels.Slice(input.SourceRow(bandStart + k) * input.Stride, input.SourceWidth * 3), bandBytes.Slice(k * gatherStride, cols * 3), sourceCols);
                        }

                        pixels = new RgbBand(bandBytes, gatherStride, gatherStride);
                    }
                    else if (rgb && validRows == bandRows)
                    {
                        pixels = new RgbBand(input.Pixels[(bandStart * input.Stride)..], input.Stride, input.SourceWidth * 3);
                    }
                    else
                    {
                        for (int k = 0; k < validRows; k++)
                        {
                            FillLumaRow(input, bandStart + k, lumaBand.Slice(k * rowStride, paddedCols), gathered, sourceCols);
                        }

                        lumaBand[(validRows * rowStride)..].Clear();
                    }
                }

                Span<int> addOffsets = verticalPlan[..bandRows];
                Span<int> subtractOffsets = verticalPlan.Slice(bandRows, bandRows);
                Span<int> divides = verticalPlan.Slice(2 * bandRows, bandRows);
                int activeRows = PlanVertical(layout, vertical, bandStart - delay, (int)ringSize, addOffsets, subtractOffsets, verticalFactors, divides);
                var plan = new VerticalPlan(addOffsets, subtractOffsets, verticalFactors, divides, activeRows);
                HorizontalProgress horizontalProgress = default;
                var verticalProgress = new VerticalProgress(TLanes.Zero, TLanes.Zero, TLanes.Zero, TLanes.Zero, Primed: false, Output: 0, Next: 0, Target: sampleCols[0]);

                // Strip-mined: V1 and H2 take each strip of columns right after H1 has put it in the row ring, so
                // the ring rows V1 reads are still in L1 (the whole ring is larger), and H2's serial chains sit
                // between H1 and luma work for the out-of-order core to overlap.
                for (int c = 0; c < paddedCols; c += strip)
                {
                    int stripEnd = Math.Min(c + strip, paddedCols);
                    if (horizontalRows)
                    {
                        HorizontalBand(
                            layout,
                            horizontal,
                            pixels,
                            ref MemoryMarshal.GetReference(lumaBand),
                            ref MemoryMarshal.GetReference(lumaColumns),
                            ref MemoryMarshal.GetReference(scratch),
                            ref MemoryMarshal.GetReference(ring),
                            bandStart,
                            stripEnd,
                            ref horizontalProgress);
                    }

                    VerticalStrips(
                        layout,
                        vertical,
                        horizontal,
                        plan,
                        ring,
                        verticalSums,
                        ref MemoryMarshal.GetReference(blurredColumns),
                        ref MemoryMarshal.GetReference(scratch),
                        ref MemoryMarshal.GetReference(samples),
                        sampleCols,
                        c,
                        stripEnd,
                        ref verticalProgress);
                }

                // Plane row bandStart + i holds output row bandStart - delay + i.
                for (int g = 0; g < Groups; g++)
                {
                    for (int j = 0; j < 64; j += n)
                    {
                        TLanes.Transpose(
                            ref Unsafe.Add(ref MemoryMarshal.GetReference(samples), ((j * Groups) + g) * n), (nuint)bandRows,
                            ref Unsafe.Add(ref MemoryMarshal.GetReference(plane), ((bandStart + (g * n)) * 64) + j), 64);
                    }
                }
            }

            // V2: vertical box over the 64 sampled columns, outputs at the 64 sampled rows.
            BoxRowsSampled(plane[(delay * 64)..], buffer64x64, rows, vertical.Window, sampleRows);
        }
        finally
        {
            PdqScratch.Return(rented);
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    /// <summary>Writes the float luma of one hashed row (and zeros up to the padded width).</summary>
    public static void FillLumaRow(in PdqInput input, int row, Span<float> destination, Span<byte> gathered, ReadOnlySpan<int> sourceCols)
    {
        int n = TLanes.Count;
        int cols = input.Cols;
        destination[cols..].Clear();
        int sourceRow = input.SourceRow(row);
        if (input.IsLuma)
        {
            input.Luma.Slice(sourceRow * input.SourceWidth, cols).CopyTo(destination);
            return;
        }

        int channels = input.Channels;
        ReadOnlySpan<byte> pixels = input.Pixels.Slice(sourceRow * input.Stride, input.SourceWidth * channels);
        if (input.Resized)
        {
            // Nearest-neighbour: gather the sampled pixels, then convert as an unresized row.
            if (channels == 3)
            {
                PdqInput.GatherRgbRow(pixels, gathered[..(cols * 3)], sourceCols);
            }
            else
            {
                PdqInput.GatherGreyRow(pixels, gathered[..cols], sourceCols);
            }

            pixels = gathered[..(cols * channels)];
        }

        ref byte source = ref MemoryMarshal.GetReference(pixels);
        ref float target = ref MemoryMarshal.GetReference(destination);
        int c = 0;
        if (channels == 3)
        {
            for (; (c * 3) + TLanes.RgbReadBytes <= pixels.Length; c += n)
            {
                TLanes.Store(TLanes.LumaRgb(ref Unsafe.Add(ref source, c * 3)), ref target, (nuint)c);
            }

            for (; c < cols; c++)
            {
                destination[c] = PdqLuma.FromRgb(pixels[c * 3], pixels[(c * 3) + 1], pixels[(c * 3) + 2]);
            }
        }
        else
        {
            for (; c + n <= cols; c += n)
            {
                TLanes.Store(TLanes.LumaGrey(ref Unsafe.Add(ref source, c)), ref target, (nuint)c);
            }

            for (; c < cols; c++)
            {
                destination[c] = pixels[c];
            }
        }
    }

    private static Span<float> Take(ref Span<float> rest, int length)
    {
        Span<float> taken = rest[..length];
        rest = rest[length..];
        return taken;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>
    /// Where things are: the padded width, the row stride of the luma band and row ring, the masks of the
    /// luma and blurred column rings (a column ring holds <c>Mask + 1</c> columns of <see cref="Groups"/> x
    /// Count floats), and the ring's row count.
    /// </summary>
    private readonly record struct Layout(int PaddedCols, int RowStride, int Mask, int BlurredMask, int RingRows)
    {
        /// <summary>Offset (in floats) of column <paramref name="column"/>, group 0, in the luma column ring (H1's input).</summary>
        public nuint Column(int column) => (nuint)((column & Mask) * Groups * TLanes.Count);

        /// <summary>Offset (in floats) of column <paramref name="column"/>, group 0, in the blurred column ring (H2's input).</summary>
        public nuint BlurredColumn(int column) => (nuint)((column & BlurredMask) * Groups * TLanes.Count);
    }

    /// <summary>
    /// A band of interleaved RGB rows for the fused luma: row i at <c>Bytes[i * Stride..]</c>, of which
    /// <c>RowBytes</c> may be read. Empty when the band's luma comes from the float band instead.
    /// </summary>
    private readonly ref struct RgbBand(ReadOnlySpan<byte> bytes, int stride, int rowBytes)
    {
        public ReadOnlySpan<byte> Bytes { get; } = bytes;

        public int Stride { get; } = stride;

        public int RowBytes { get; } = rowBytes;
    }

    /// <summary>
    /// One 1-D box: window, length and the reference's phases as per-output rules. Output o adds sample
    /// <c>o + Lead</c> when that is below the length, subtracts sample <c>o - Lag</c> when <c>o &gt;= Lag</c>,
    /// and divides by <see cref="Count"/>. Running "outputs" -Lead..-1 add only: the reference's phase 1.
    /// </summary>
    private readonly struct BoxShape
    {
        public BoxShape(int window, int length)
        {
            Window = window;
            Length = length;
            Half = (window + 2) / 2;
            Lead = Half - 1;
            Lag = window - Half + 1;
            MultiplyInterior = BitOperations.IsPow2(window);
            Interior = MultiplyInterior ? 1f / window : window;
        }

        public int Window { get; }

        public int Length { get; }

        public int Half { get; }

        public int Lead { get; }

        public int Lag { get; }

        /// <summary>True when the full-window division is a multiply by <see cref="Interior"/>.</summary>
        public bool MultiplyInterior { get; }

        /// <summary>1/window for a power-of-two window, else the window (the divisor).</summary>
        public float Interior { get; }

        /// <summary>Samples in the running sum at output o: <c>min(o + half, len) - max(0, o - lag + 1)</c>.</summary>
        public int Count(int o) => Math.Min(o + Half, Length) - Math.Max(0, o - Lag + 1);
    }
}
