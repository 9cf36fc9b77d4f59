using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// Blur and decimation of a 512x512 8-bit image, RGB or grey (window 4 both ways), with no transposes between the
/// passes.
/// Every plane is stored as vectors <c>P[c][a]</c> whose lane <c>l</c> holds pixel (row <c>64l + a</c>,
/// column <c>c - 8l</c>): the eight lanes are eight 64-row segments of the image, each shifted eight
/// positions right of the one above. Then
/// <list type="bullet">
/// <item>a horizontal box is a running sum over <c>c</c> at fixed <c>a</c> (each lane runs along one row), and</item>
/// <item>a vertical box is a running sum over <c>a</c> at fixed <c>c</c> (each lane runs down one column), whose
/// state passes on to the next lane eight positions later, where the same column continues 64 rows lower.</item>
/// </list>
/// Columns outside the image are zeros, which the running sums add and subtract exactly as the reference
/// adds and subtracts nothing (<c>x + 0</c> and <c>x - 0</c> are <c>x</c>). Each lane therefore runs the
/// reference's <c>box1DFloat</c> for its row or column operation for operation, and the result is
/// bit-identical. Because the skew is eight, position <c>c</c> holds sampled columns (<c>8j + 4</c>) in every
/// lane or in none, so the second horizontal pass divides only at one position in eight.
/// <para>
/// The work goes in tiles of eight positions by eight rows (<c>a</c>), window by window (eight positions)
/// and, within a window, chunk by chunk of rows, so that everything a tile reads was written one or a few
/// tiles earlier and is still in L1 or L2:
/// </para>
/// <list type="number">
/// <item>luma of window w (an 8x8 pixel block transposed per row, lanes are rows) into the chunk's luma ring;</item>
/// <item>H1 over positions <c>8w - 2</c>.. (a horizontal box at <c>c</c> reads <c>c + 2</c>, so each pass's
/// window lies two positions left of the one before), eight rows' running sums at a time, into a ring of 32
/// rows per position;</item>
/// <item>one chunk behind (V1 reads two rows ahead), V1 down the rows at the window's eight positions (eight
/// chains), and for each row at once H2 across those positions, whose one output per window is at the
/// sampled position <c>8(w - 1) + 4</c>: V1's outputs never go to memory except the last four positions of
/// each window, which the next window's H2 subtracts;</item>
/// <item>V2 down the sampled positions, a chunk at a time.</item>
/// </list>
/// <para>
/// The row ring also holds the rows the lanes hand over: rows 62 and 63 of the window before and rows 0 and 1
/// of the window after.
/// </para>
/// </summary>
[SkipLocalsInit]
internal static partial class PdqSkewedKernel
{
    /// <summary>The only size this kernel takes: the reference's resize target.</summary>
    public const int Side = PdqInput.ResizeDimension;

    private const int Segment = 64;
    private const int Lanes = 8;

    /// <summary>
    /// Blocks of eight positions holding image columns: 512 plus the last lane's skew. V1 and H2 run over
    /// windows 0..Blocks (H2's window w holds the sampled position of block w - 1), luma and H1 over one more
    /// (V1's last window takes rows 0 and 1 of the next).
    /// </summary>
    private const int Blocks = (Side + ((Lanes - 1) * Lanes)) / Lanes;

    /// <summary>Floats in one position of one chunk (eight rows).</summary>
    private const int Cell = Lanes * Lanes;

    private const int Chunks = Segment / Lanes;

    /// <summary>
    /// Positions per chunk in the ring between luma and H1: H1's window reads the eight positions just written and
    /// the four before them.
    /// </summary>
    private const int RingSlots = 16;

    /// <summary>
    /// Floats from one chunk's luma ring to the next: 64 bytes more than the ring, so that the rings that are read
    /// and written at the same time do not share their low 12 address bits (4K aliasing).
    /// </summary>
    private const int ChunkStride = (RingSlots * Cell) + 16;

    /// <summary>The eight chunks' luma rings, plus a gap that shifts what follows by 2 KB (4K aliasing).</summary>
    private const int LumaFloats = (Chunks * ChunkStride) + 512 + 16;

    /// <summary>Per chunk, V1's outputs at the last four positions of the previous window and of this one.</summary>
    private const int CarryFloats = Chunks * 2 * 4 * Cell;

    /// <summary>Rows of H1 output kept per position (a ring): V1 reads two rows either side of its chunk.</summary>
    private const int RowRing = 32;

    private const int RowRingFloats = Lanes * RowRing * Lanes;

    private const int SampledFloats = 4 * Segment * Lanes;

    private const int StateFloats = Segment * Lanes;

    private const int TotalFloats = LumaFloats + CarryFloats + RowRingFloats + SampledFloats + (2 * StateFloats) + Cell + Lanes;

    /// <summary>First position of the H1 output factor tables.</summary>
    private const int FactorOrigin = -Lanes;

    /// <summary>H1's per-position output factor for edge positions: 1/count, or 0 outside the image.</summary>
    private static readonly float[] EdgeFactors = BuildEdgeTable(divideMask: false);

    /// <summary>Lanes of an edge position whose count is 3 (columns 0 and 510): a true division.</summary>
    private static readonly float[] EdgeThirds = BuildEdgeTable(divideMask: true);

    /// <summary>
    /// Each pass's outputs are kept four times the reference's, so that no pass multiplies inside the image. Scaling
    /// by a power of two commutes with every rounding here, and no value comes near the subnormal or overflow range.
    /// Where the reference divides by 3 or 2 (the image's edges), the output is that quotient times four. H1's
    /// outputs are thus 4x the reference's, V1's 16x, H2's 64x, and V2's sums <see cref="OutputScale"/> times its
    /// outputs.
    /// </summary>
    private const float Scale = 4;

    /// <summary>V2's running sums over the reference's V2 outputs (see <see cref="Scale"/>).</summary>
    private const float OutputScale = 256;

    /// <summary>True when <paramref name="input"/> can be hashed by this kernel on this machine.</summary>
    public static bool Applies(in PdqInput input) =>
        PdqLanes256.IsSupported && input.Rows == Side && input.Cols == Side && !input.IsLuma;

    /// <summary>
    /// Blurs and decimates <paramref name="input"/> (see <see cref="Applies"/>) into the 64x64 buffer. A resized
    /// input is first gathered into a 512x512 copy (the reference resizes the image the same way, before luma).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Downsample(in PdqInput input, Span<float> buffer64x64)
    {
        bool grey = input.Format == PdqPixelFormat.Grey8;
        if (!input.Resized)
        {
            Run(input.Pixels, input.Stride, grey, buffer64x64);
            return;
        }

        int rowBytes = Side * input.Channels;
        byte[] gathered = ArrayPool<byte>.Shared.Rent(Side * rowBytes);
        try
        {
            Span<int> sourceCols = stackalloc int[Side];
            for (int x = 0; x < Side; x++)
            {
                sourceCols[x] = input.SourceCol(x);
            }

            for (int y = 0; y < Side; y++)
            {
                ReadOnlySpan<byte> sourceRow = input.Pixels.Slice(input.SourceRow(y) * input.Stride, input.SourceWidth * input.Channels);
                Span<byte> row = gathered.AsSpan(y * rowBytes, rowBytes);
                if (grey)
                {
                    PdqInput.GatherGreyRow(sourceRow, row, sourceCols);
                }
                else
                {
                    PdqInput.GatherRgbRow(sourceRow, row, sourceCols);
                }
            }

            Run(gathered.AsSpan(0, Side * rowBytes), rowBytes, grey, buffer64x64);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(gathered);
        }
    }

    /// <summary>
    /// The passes over 512x512 8-bit pixels, RGB or (<paramref name="grey"/>) grey, rows <paramref name="stride"/>
    /// bytes apart; nothing past the last row's pixels is read.
    /// </summary>
    private static void Run(ReadOnlySpan<byte> pixelBytes, int stride, bool grey, Span<float> buffer64x64)
    {
        float[] rented = PdqScratch.Rent(TotalFloats);
        try
        {
            Passes(pixelBytes, stride, grey, PdqScratch.Aligned(rented, TotalFloats), buffer64x64);
        }
        finally
        {
            PdqScratch.Return(rented);
        }
    }

    /// <summary>The passes of <see cref="Run"/> over its scratch <paramref name="all"/>, which starts on a cache line.</summary>
    private static void Passes(ReadOnlySpan<byte> pixelBytes, int stride, bool grey, Span<float> all, Span<float> buffer64x64)
    {
        ref float lumaRing = ref MemoryMarshal.GetReference(all);
        ref float carry = ref Unsafe.Add(ref lumaRing, LumaFloats);
        ref float rowRing = ref Unsafe.Add(ref carry, CarryFloats);
        ref float sampled = ref Unsafe.Add(ref rowRing, RowRingFloats);
        ref float h1State = ref Unsafe.Add(ref sampled, SampledFloats);
        ref float h2State = ref Unsafe.Add(ref h1State, StateFloats);
        ref float v1Sums = ref Unsafe.Add(ref h2State, StateFloats);
        ref float v2Sum = ref Unsafe.Add(ref v1Sums, Cell);

        // Zeros before the image: the four positions the first window of each horizontal pass subtracts (luma
        // ring slots 12..15; the first half of each chunk's carry), rows 62 and 63 of window -1 in the row ring,
        // and all running sums.
        for (int k = 0; k < Chunks; k++)
        {
            all.Slice((k * ChunkStride) + ((RingSlots - 4) * Cell), 4 * Cell).Clear();
        }

        all.Slice(LumaFloats, CarryFloats + RowRingFloats).Clear();
        all[(LumaFloats + CarryFloats + RowRingFloats + SampledFloats)..].Clear();

        ref byte pixels = ref MemoryMarshal.GetReference(pixelBytes);
        ref float output = ref MemoryMarshal.GetReference(buffer64x64);
        for (int w = 0; w <= Blocks + 2; w++)
        {
            for (int k = 0; k < Chunks; k++)
            {
                // Window Blocks + 1 is needed only for rows 0 and 1 (V1's last hand-over).
                if (w <= Blocks || (w == Blocks + 1 && k == 0))
                {
                    ref float lumaChunk = ref Unsafe.Add(ref lumaRing, k * ChunkStride);
                    Luma(ref pixels, stride, grey, w, k, ref lumaChunk);
                    Horizontal1(w, k, ref lumaChunk, ref Unsafe.Add(ref h1State, k * Cell), ref rowRing);
                }

                int vw = k > 0 ? w : w - 1;
                int vk = k > 0 ? k - 1 : Chunks - 1;
                if (vw >= 0 && vw <= Blocks)
                {
                    Vertical1(vw, vk, ref rowRing, ref v1Sums, ref Unsafe.Add(ref carry, vk * 2 * 4 * Cell), ref Unsafe.Add(ref h2State, vk * Cell), ref sampled);
                }

                // V2 of block w - 2 (chunk k - 1), or at k = 0 the last chunk of block w - 3, which takes rows 0 and 1
                // of block w - 2 (H2 wrote them in window w - 1).
                int v2Block = k > 0 ? w - 2 : w - 3;
                if (v2Block >= 0 && v2Block < Blocks)
                {
                    Vertical2(v2Block, vk, ref sampled, ref v2Sum, ref output);
                }
            }
        }
    }

    /// <summary>
    /// Per position <see cref="FactorOrigin"/>.. and lane: H1's output factor (4/count for counts 4 and 2, 0
    /// outside the image; see <see cref="Scale"/>), or, with <paramref name="divideMask"/>, all ones in the lanes whose count is 3.
    /// </summary>
    private static float[] BuildEdgeTable(bool divideMask)
    {
        int positions = ((Blocks + 2) * Lanes) - FactorOrigin;
        var table = new float[positions * Lanes];
        for (int i = 0; i < positions; i++)
        {
            for (int l = 0; l < Lanes; l++)
            {
                int k = i + FactorOrigin - (Lanes * l);
                float value = 0;
                if (k >= 0 && k < Side)
                {
                    int count = Math.Min(k + 3, Side) - Math.Max(0, k - 1);
                    value = divideMask
                        ? (count == 3 ? BitConverter.Int32BitsToSingle(-1) : 0)
                        : (count == 3 ? 0 : Scale / count);
                }

                table[(i * Lanes) + l] = value;
            }
        }

        return table;
    }
}
