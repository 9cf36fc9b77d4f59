using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// Blur and decimation of a 512x512 image (window 4 both ways) with no transposes between the passes.
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
/// and, within a window, chunk by chunk of rows, so that everything a tile reads was written one or a
/// few tiles earlier and is still in L1. Each pass's window lies two positions left of the one before
/// (a horizontal box at <c>c</c> reads <c>c + 2</c>); the four positions a window needs from the one
/// before are carried per chunk. V1 runs one chunk behind H1 (it reads two rows ahead), over a ring of
/// 32 rows that also holds the rows its lanes hand over: rows 62 and 63 of the window before and rows 0
/// and 1 of the window after.
/// </para>
/// </summary>
[SkipLocalsInit]
internal static class PdqSkewedKernel
{
    /// <summary>The only size this kernel takes: the reference's resize target.</summary>
    public const int Side = PdqInput.ResizeDimension;

    internal static int Skip;

    private const int Segment = 64;
    private const int Lanes = 8;

    /// <summary>
    /// Blocks of eight positions holding image columns: 512 plus the last lane's skew. H2 and V1 run over
    /// windows 0..Blocks (H2's window w ends at the sampled position of block w - 1), luma and H1 over one more
    /// (V1's last window takes rows 0 and 1 of the next).
    /// </summary>
    private const int Blocks = (Side + ((Lanes - 1) * Lanes)) / Lanes;

    /// <summary>Floats in one position of one chunk (eight rows).</summary>
    private const int Cell = Lanes * Lanes;

    private const int Chunks = Segment / Lanes;

    /// <summary>
    /// Positions per chunk in the rings between luma and H1 and between V1 and H2: a horizontal pass's window
    /// reads the eight positions just written and the four before them.
    /// </summary>
    private const int RingSlots = 16;

    private const int PlaneFloats = Chunks * RingSlots * Cell;

    /// <summary>Rows of H1 output kept per position (a ring): V1 reads two rows either side of its chunk.</summary>
    private const int RowRing = 32;

    private const int RowRingFloats = Lanes * RowRing * Lanes;

    private const int SampledFloats = 4 * Segment * Lanes;

    private const int StateFloats = Segment * Lanes;

    private const int TotalFloats = (2 * PlaneFloats) + RowRingFloats + SampledFloats + (2 * StateFloats) + Cell + Lanes;

    /// <summary>First position of the H1 output factor tables.</summary>
    private const int FactorOrigin = -Lanes;

    /// <summary>H1's per-position output factor for edge positions: 1/count, or 0 outside the image.</summary>
    private static readonly float[] EdgeFactors = BuildEdgeTable(divideMask: false);

    /// <summary>Lanes of an edge position whose count is 3 (columns 0 and 510): a true division.</summary>
    private static readonly float[] EdgeThirds = BuildEdgeTable(divideMask: true);

    /// <summary>True when <paramref name="input"/> can be hashed by this kernel on this machine.</summary>
    public static bool Applies(in PdqInput input) =>
        Avx2.IsSupported && input.Rows == Side && input.Cols == Side && !input.IsLuma && input.Channels == 3 && !input.Resized;

    /// <summary>Blurs and decimates <paramref name="input"/> (see <see cref="Applies"/>) into the 64x64 buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Downsample(in PdqInput input, Span<float> buffer64x64)
    {
        float[] rented = ArrayPool<float>.Shared.Rent(TotalFloats);
        try
        {
            Span<float> all = rented.AsSpan(0, TotalFloats);
            ref float lumaRing = ref MemoryMarshal.GetReference(all);
            ref float verticalRing = ref Unsafe.Add(ref lumaRing, PlaneFloats);
            ref float rowRing = ref Unsafe.Add(ref verticalRing, PlaneFloats);
            ref float sampled = ref Unsafe.Add(ref rowRing, RowRingFloats);
            ref float h1State = ref Unsafe.Add(ref sampled, SampledFloats);
            ref float h2State = ref Unsafe.Add(ref h1State, StateFloats);
            ref float v1Sums = ref Unsafe.Add(ref h2State, StateFloats);
            ref float v2Sum = ref Unsafe.Add(ref v1Sums, Cell);

            // Zeros before the image: the four positions the first window of each horizontal pass reads before
            // its own (ring slots 12..15), rows 62 and 63 of window -1 in the row ring, and all running sums.
            for (int k = 0; k < Chunks; k++)
            {
                all.Slice((k * RingSlots * Cell) + ((RingSlots - 4) * Cell), 4 * Cell).Clear();
                all.Slice(PlaneFloats + (k * RingSlots * Cell) + ((RingSlots - 4) * Cell), 4 * Cell).Clear();
            }

            all.Slice(2 * PlaneFloats, RowRingFloats).Clear();
            all[((2 * PlaneFloats) + RowRingFloats + SampledFloats)..].Clear();

            ref byte pixels = ref MemoryMarshal.GetReference(input.Pixels);
            ref float output = ref MemoryMarshal.GetReference(buffer64x64);
            int stride = input.Stride;
            for (int w = 0; w <= Blocks + 2; w++)
            {
                for (int k = 0; k < Chunks; k++)
                {
                    if (w <= Blocks + 1)
                    {
                        ref float lumaChunk = ref Unsafe.Add(ref lumaRing, k * RingSlots * Cell);
                        if ((Skip & 1) == 0)
                        {
                            Luma(ref pixels, stride, w, k, ref lumaChunk);
                        }

                        if ((Skip & 2) == 0)
                        {
                            Horizontal1(w, k, ref lumaChunk, ref Unsafe.Add(ref h1State, k * Cell), ref rowRing);
                        }
                    }

                    int vw = k > 0 ? w : w - 1;
                    int vk = k > 0 ? k - 1 : Chunks - 1;
                    if (vw >= 0 && vw <= Blocks)
                    {
                        ref float verticalChunk = ref Unsafe.Add(ref verticalRing, vk * RingSlots * Cell);
                        if ((Skip & 4) == 0)
                        {
                            Vertical1(vk, ref rowRing, ref v1Sums, ref Unsafe.Add(ref verticalChunk, ((vw * Lanes) & (RingSlots - 1)) * Cell));
                        }

                        if ((Skip & 8) == 0)
                        {
                            Horizontal2(vw, vk, ref verticalChunk, ref Unsafe.Add(ref h2State, vk * Cell), ref sampled);
                        }
                    }

                    // V2 of block w - 2 (chunk k - 1), or at k = 0 the last chunk of block w - 3, which takes rows 0 and 1
                    // of block w - 2 (H2 wrote them in window w - 1).
                    int v2Block = k > 0 ? w - 2 : w - 3;
                    if (v2Block >= 0 && v2Block < Blocks && (Skip & 16) == 0)
                    {
                        Vertical2(v2Block, vk, ref sampled, ref v2Sum, ref output);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Luma of window <paramref name="window"/> (positions 8 window ..), rows <c>8 chunk</c>.. of each lane, into
    /// the chunk's ring: per row an 8x8 pixel block transposed (lanes are rows).
    /// </summary>
    private static void Luma(ref byte pixels, int stride, int window, int chunk, ref float ring)
    {
        ref float destination = ref Unsafe.Add(ref ring, ((window * Lanes) & (RingSlots - 1)) * Cell);
        int firstRow = chunk * Lanes;

        // The last row's last lanes would read past the pixels: copy them into a padded block instead.
        if (window >= Side / Lanes + Lanes - 2 && chunk == Chunks - 1)
        {
            LumaPadded(ref pixels, stride, window, firstRow, ref destination);
            return;
        }

        // Lane l: row 64l + a, columns 8(window - l) .. +7; consecutive lanes are 64 rows down, 8 pixels left.
        // A lane outside the image (left or right) reads other pixels of the image, then is zeroed.
        nint laneStride = ((nint)Segment * stride) - (3 * Lanes);
        ref byte first = ref Unsafe.Add(ref pixels, ((nint)firstRow * stride) + ((nint)window * 3 * Lanes));
        for (int a = 0; a < Lanes; a++)
        {
            PdqLanes256.LumaRgbTransposed(ref Unsafe.Add(ref first, (nint)a * stride), laneStride, ref Unsafe.Add(ref destination, a * Lanes), Cell);
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
        bool interior = window >= Lanes && window < Segment;
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
            if (interior)
            {
                Vector256<float> quarter = Vector256.Create(0.25f);
                (s0 * quarter).StoreUnsafe(ref o);
                (s1 * quarter).StoreUnsafe(ref o, 8);
                (s2 * quarter).StoreUnsafe(ref o, 16);
                (s3 * quarter).StoreUnsafe(ref o, 24);
                (s4 * quarter).StoreUnsafe(ref o, 32);
                (s5 * quarter).StoreUnsafe(ref o, 40);
                (s6 * quarter).StoreUnsafe(ref o, 48);
                (s7 * quarter).StoreUnsafe(ref o, 56);
            }
            else
            {
                nuint at = (nuint)(((window * Lanes) - 2 + i - FactorOrigin) * Lanes);
                Vector256<float> factor = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(EdgeFactors), at);
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

        s0.StoreUnsafe(ref sums);
        s1.StoreUnsafe(ref sums, 8);
        s2.StoreUnsafe(ref sums, 16);
        s3.StoreUnsafe(ref sums, 24);
        s4.StoreUnsafe(ref sums, 32);
        s5.StoreUnsafe(ref sums, 40);
        s6.StoreUnsafe(ref sums, 48);
        s7.StoreUnsafe(ref sums, 56);
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

    /// <summary>An edge position's output: <c>sum * factor</c>, or <c>sum / 3</c> in the lanes <paramref name="thirds"/> marks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> EdgeOut(Vector256<float> sum, Vector256<float> factor, Vector256<float> thirds) =>
        Avx.BlendVariable(sum * factor, sum / Vector256.Create(3f), thirds);

    /// <summary>
    /// H2 over positions <c>8 window - 4</c> .. <c>+ 7</c> for the rows of <paramref name="chunk"/>: running sums
    /// everywhere, an output only at the first position, <c>8 (window - 1) + 4</c>, whose lanes are all sampled
    /// columns (count 4 for every one of them). The chunk's V1 ring holds position p at slot (p + 2) mod 16.
    /// </summary>
    private static void Horizontal2(int window, int chunk, ref float ring, ref float sums, ref float sampled)
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
        ref float before = ref Unsafe.Add(ref ring, (((window * Lanes) - 4) & (RingSlots - 1)) * Cell);
        Step(ref adds, ref before, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
        Vector256<float> quarter = Vector256.Create(0.25f);
        ref float o = ref Unsafe.Add(ref sampled, (((window - 1) & 3) * Segment * Lanes) + (chunk * Cell));
        (s0 * quarter).StoreUnsafe(ref o);
        (s1 * quarter).StoreUnsafe(ref o, 8);
        (s2 * quarter).StoreUnsafe(ref o, 16);
        (s3 * quarter).StoreUnsafe(ref o, 24);
        (s4 * quarter).StoreUnsafe(ref o, 32);
        (s5 * quarter).StoreUnsafe(ref o, 40);
        (s6 * quarter).StoreUnsafe(ref o, 48);
        (s7 * quarter).StoreUnsafe(ref o, 56);
        for (int i = 1; i < 4; i++)
        {
            Step(ref Unsafe.Add(ref adds, i * Cell), ref Unsafe.Add(ref before, i * Cell), ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
        }

        for (int i = 4; i < Lanes; i++)
        {
            Step(ref Unsafe.Add(ref adds, i * Cell), ref Unsafe.Add(ref adds, (i - 4) * Cell), ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
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

    /// <summary>Writes lane l of <paramref name="values"/> to row <c>8l + chunk</c>, column <c>block - l</c>, where that column exists.</summary>
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

    /// <summary>
    /// Per position <see cref="FactorOrigin"/>.. and lane: H1's output factor (1/count for counts 4 and 2, 0
    /// outside the image), or, with <paramref name="divideMask"/>, all ones in the lanes whose count is 3.
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
                        : (count == 3 ? 0 : 1f / count);
                }

                table[(i * Lanes) + l] = value;
            }
        }

        return table;
    }
}
