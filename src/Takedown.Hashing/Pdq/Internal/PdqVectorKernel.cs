using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The blur and decimation stage as one streaming pass over bands of 4 x <c>Count</c> rows, with every
/// buffer small enough to stay in L1/L2 (no full-size float planes):
/// <list type="number">
/// <item>A: luma of a band, transposed so lanes are rows, horizontal box over all columns, transposed
/// back into a ring of recent rows;</item>
/// <item>B: vertical box over the ring (lanes are columns), one output row at a time;</item>
/// <item>C: each band of B's output, transposed, horizontal box whose outputs are taken only at the 64
/// sampled columns;</item>
/// <item>D: vertical box over those 64 columns, outputs taken only at the 64 sampled rows.</item>
/// </list>
/// Each lane runs the reference's <c>box1DFloat</c> sequence for its row or column exactly: same running
/// sum, add before subtract, division by the current count (a multiply only when the count is a power of
/// two, where <c>x * (1/n)</c> equals <c>x / n</c> bit for bit). Pruning C and D skips only divisions whose
/// results the decimation never reads.
/// </summary>
[SkipLocalsInit]
internal static partial class PdqVectorKernel<TLanes, TVector>
    where TLanes : struct, IPdqLanes<TVector>
    where TVector : struct
{
    /// <summary>
    /// Independent groups of Count rows processed together by the horizontal boxes: each running sum is a
    /// serial add/subtract chain, so four chains in flight hide the add latency.
    /// </summary>
    private const int Groups = 4;

    /// <summary>Blurs and decimates <paramref name="input"/> into the 64x64 buffer (no fast path here).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Downsample(in PdqInput input, Span<float> buffer64x64)
    {
        int n = TLanes.Count;
        int bandRows = Groups * n;
        int rows = input.Rows;
        int cols = input.Cols;
        int paddedCols = RoundUp(cols, n);
        int windowAlongRows = PdqGeometry.WindowSize(cols);
        int windowAlongCols = PdqGeometry.WindowSize(rows);
        int ringRows = RoundUp(windowAlongCols + bandRows, bandRows);

        // One pooled block carved into the working buffers.
        int bandSize = bandRows * paddedCols;
        int sumSize = Math.Max(paddedCols, 64);
        long total = (4L * bandSize) + ((long)ringRows * paddedCols) + sumSize + (64 * bandRows) + ((long)RoundUp(rows, bandRows) * 64);
        if (total > Array.MaxLength)
        {
            throw new NotSupportedException($"A {cols}x{rows} image is too large to hash.");
        }

        float[] rented = ArrayPool<float>.Shared.Rent((int)total);
        try
        {
            Span<float> all = rented.AsSpan(0, (int)total);
            Span<float> lumaBand = all[..bandSize];
            Span<float> outputBand = all.Slice(bandSize, bandSize);
            Span<float> columnsIn = all.Slice(2 * bandSize, bandSize);
            Span<float> columnsOut = all.Slice(3 * bandSize, bandSize);
            Span<float> ring = all.Slice(4 * bandSize, ringRows * paddedCols);
            Span<float> verticalSum = all.Slice((4 * bandSize) + (ringRows * paddedCols), sumSize);
            Span<float> samples = all.Slice((4 * bandSize) + (ringRows * paddedCols) + sumSize, 64 * bandRows);
            Span<float> sampledColumns = all[((4 * bandSize) + (ringRows * paddedCols) + sumSize + (64 * bandRows))..];

            // Lanes past the last row or column hold zeros (never garbage that could be a NaN or denormal).
            lumaBand.Clear();
            outputBand.Clear();
            verticalSum.Clear();

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

            int nextOutput = 0;
            var vertical = new VerticalState(windowAlongCols, rows);
            for (int bandStart = 0; bandStart < rows; bandStart += bandRows)
            {
                int validRows = Math.Min(bandRows, rows - bandStart);

                // A: luma rows, horizontal box, into the ring.
                for (int k = 0; k < validRows; k++)
                {
                    FillLumaRow(input, bandStart + k, lumaBand.Slice(k * paddedCols, paddedCols), gathered, sourceCols);
                }

                TransposeBand(lumaBand, columnsIn, paddedCols);
                BoxColumns(columnsIn, columnsOut, cols, windowAlongRows);
                int slot = bandStart % ringRows;
                for (int g = 0; g < Groups; g++)
                {
                    for (int c = 0; c < paddedCols; c += n)
                    {
                        TLanes.Transpose(
                            ref Unsafe.Add(ref MemoryMarshal.GetReference(columnsOut), ((c * Groups) + g) * n), (nuint)bandRows,
                            ref Unsafe.Add(ref MemoryMarshal.GetReference(ring), ((slot + (g * n)) * paddedCols) + c), (nuint)paddedCols);
                    }
                }

                // B, then C and D's input for every full band of B's output.
                int available = bandStart + validRows;
                while (nextOutput < rows && vertical.CanOutput(nextOutput, available))
                {
                    vertical.Step(nextOutput, ring, ringRows, verticalSum, outputBand.Slice((nextOutput % bandRows) * paddedCols, paddedCols), paddedCols);
                    if (nextOutput % bandRows == bandRows - 1 || nextOutput == rows - 1)
                    {
                        int first = nextOutput - (nextOutput % bandRows);
                        TransposeBand(outputBand, columnsIn, paddedCols);
                        BoxColumnsSampled(columnsIn, samples, cols, windowAlongRows, sampleCols);
                        for (int g = 0; g < Groups; g++)
                        {
                            for (int j = 0; j < 64; j += n)
                            {
                                TLanes.Transpose(
                                    ref Unsafe.Add(ref MemoryMarshal.GetReference(samples), ((j * Groups) + g) * n), (nuint)bandRows,
                                    ref Unsafe.Add(ref MemoryMarshal.GetReference(sampledColumns), ((first + (g * n)) * 64) + j), 64);
                            }
                        }
                    }

                    nextOutput++;
                }
            }

            Debug.Assert(nextOutput == rows);

            // D: vertical box over the 64 sampled columns, outputs at the 64 sampled rows.
            verticalSum.Clear();
            BoxRowsSampled(sampledColumns, buffer64x64, rows, windowAlongCols, sampleRows, verticalSum[..64]);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
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
            for (int x = 0; x < cols; x++)
            {
                pixels.Slice(sourceCols[x] * channels, channels).CopyTo(gathered[(x * channels)..]);
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

    /// <summary>
    /// Transposes a band of <see cref="Groups"/> x Count rows into column vectors: vector <c>(c * Groups + g)</c>
    /// holds column c of rows <c>g*Count .. g*Count + Count - 1</c>.
    /// </summary>
    private static void TransposeBand(Span<float> band, Span<float> columns, int paddedCols)
    {
        int n = TLanes.Count;
        ref float source = ref MemoryMarshal.GetReference(band);
        ref float destination = ref MemoryMarshal.GetReference(columns);
        for (int g = 0; g < Groups; g++)
        {
            for (int c = 0; c < paddedCols; c += n)
            {
                TLanes.Transpose(
                    ref Unsafe.Add(ref source, (g * n * paddedCols) + c), (nuint)paddedCols,
                    ref Unsafe.Add(ref destination, ((c * Groups) + g) * n), (nuint)(Groups * n));
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static bool IsPowerOfTwo(int value) => BitOperations.IsPow2(value);
}
