using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <content>
/// The box filters. For window w over a line of length len, with <c>half = (w + 2) / 2</c>:
/// output o adds sample <c>o + half - 1</c> when <c>o &lt;= len - half</c>, then subtracts sample
/// <c>o - (w - half + 1)</c> when <c>o &gt;= w - half + 1</c>, and divides the running sum by the number of
/// samples in it. This is the reference's four phases written per output.
/// </content>
internal static partial class PdqVectorKernel<TLanes, TVector>
{
    /// <summary>
    /// Horizontal box on a transposed band: vector <c>(o * Groups + g)</c> holds column o of row group g.
    /// Four independent running sums (one per group) advance together; all outputs are written.
    /// </summary>
    private static void BoxColumns(Span<float> columnsIn, Span<float> columnsOut, int length, int window)
    {
        nuint n = (nuint)TLanes.Count;
        nuint step = Groups * n;
        ref float source = ref MemoryMarshal.GetReference(columnsIn);
        ref float destination = ref MemoryMarshal.GetReference(columnsOut);
        int half = (window + 2) / 2;
        int lead = half - 1;
        int lag = window - half + 1;

        TVector s0 = TLanes.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < lead; i++)
        {
            ref float x = ref Unsafe.Add(ref source, (nuint)i * step);
            s0 = TLanes.Add(s0, TLanes.Load(ref x, 0));
            s1 = TLanes.Add(s1, TLanes.Load(ref x, n));
            s2 = TLanes.Add(s2, TLanes.Load(ref x, 2 * n));
            s3 = TLanes.Add(s3, TLanes.Load(ref x, 3 * n));
        }

        int o = 0;
        int count = lead;
        for (; o < lag; o++)
        {
            ref float x = ref Unsafe.Add(ref source, (nuint)(o + lead) * step);
            ref float y = ref Unsafe.Add(ref destination, (nuint)o * step);
            count++;
            TVector divisor = TLanes.Splat(count);
            s0 = TLanes.Add(s0, TLanes.Load(ref x, 0));
            s1 = TLanes.Add(s1, TLanes.Load(ref x, n));
            s2 = TLanes.Add(s2, TLanes.Load(ref x, 2 * n));
            s3 = TLanes.Add(s3, TLanes.Load(ref x, 3 * n));
            TLanes.Store(TLanes.Divide(s0, divisor), ref y, 0);
            TLanes.Store(TLanes.Divide(s1, divisor), ref y, n);
            TLanes.Store(TLanes.Divide(s2, divisor), ref y, 2 * n);
            TLanes.Store(TLanes.Divide(s3, divisor), ref y, 3 * n);
        }

        int fullEnd = length - half + 1;
        bool multiply = BitOperations.IsPow2(window);
        TVector factor = multiply ? TLanes.Splat(1f / window) : TLanes.Splat(window);
        for (; o < fullEnd; o++)
        {
            ref float x = ref Unsafe.Add(ref source, (nuint)(o + lead) * step);
            ref float z = ref Unsafe.Add(ref source, (nuint)(o - lag) * step);
            ref float y = ref Unsafe.Add(ref destination, (nuint)o * step);
            s0 = TLanes.Subtract(TLanes.Add(s0, TLanes.Load(ref x, 0)), TLanes.Load(ref z, 0));
            s1 = TLanes.Subtract(TLanes.Add(s1, TLanes.Load(ref x, n)), TLanes.Load(ref z, n));
            s2 = TLanes.Subtract(TLanes.Add(s2, TLanes.Load(ref x, 2 * n)), TLanes.Load(ref z, 2 * n));
            s3 = TLanes.Subtract(TLanes.Add(s3, TLanes.Load(ref x, 3 * n)), TLanes.Load(ref z, 3 * n));
            if (multiply)
            {
                TLanes.Store(TLanes.Multiply(s0, factor), ref y, 0);
                TLanes.Store(TLanes.Multiply(s1, factor), ref y, n);
                TLanes.Store(TLanes.Multiply(s2, factor), ref y, 2 * n);
                TLanes.Store(TLanes.Multiply(s3, factor), ref y, 3 * n);
            }
            else
            {
                TLanes.Store(TLanes.Divide(s0, factor), ref y, 0);
                TLanes.Store(TLanes.Divide(s1, factor), ref y, n);
                TLanes.Store(TLanes.Divide(s2, factor), ref y, 2 * n);
                TLanes.Store(TLanes.Divide(s3, factor), ref y, 3 * n);
            }
        }

        for (; o < length; o++)
        {
            ref float z = ref Unsafe.Add(ref source, (nuint)(o - lag) * step);
            ref float y = ref Unsafe.Add(ref destination, (nuint)o * step);
            count--;
            TVector divisor = TLanes.Splat(count);
            s0 = TLanes.Subtract(s0, TLanes.Load(ref z, 0));
            s1 = TLanes.Subtract(s1, TLanes.Load(ref z, n));
            s2 = TLanes.Subtract(s2, TLanes.Load(ref z, 2 * n));
            s3 = TLanes.Subtract(s3, TLanes.Load(ref z, 3 * n));
            TLanes.Store(TLanes.Divide(s0, divisor), ref y, 0);
            TLanes.Store(TLanes.Divide(s1, divisor), ref y, n);
            TLanes.Store(TLanes.Divide(s2, divisor), ref y, 2 * n);
            TLanes.Store(TLanes.Divide(s3, divisor), ref y, 3 * n);
        }
    }

    /// <summary>
    /// Horizontal box on a transposed band, dividing only at the sampled columns: output j (0..63) of group g
    /// goes to vector <c>(j * Groups + g)</c> of <paramref name="samples"/>. The running sums still visit every column.
    /// </summary>
    private static void BoxColumnsSampled(Span<float> columnsIn, Span<float> samples, int length, int window, ReadOnlySpan<int> sampleCols)
    {
        nuint n = (nuint)TLanes.Count;
        nuint step = Groups * n;
        ref float source = ref MemoryMarshal.GetReference(columnsIn);
        ref float destination = ref MemoryMarshal.GetReference(samples);
        int half = (window + 2) / 2;
        int lead = half - 1;
        int lag = window - half + 1;
        int next = 0;
        int target = sampleCols[0];

        TVector s0 = TLanes.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < lead; i++)
        {
            ref float x = ref Unsafe.Add(ref source, (nuint)i * step);
            s0 = TLanes.Add(s0, TLanes.Load(ref x, 0));
            s1 = TLanes.Add(s1, TLanes.Load(ref x, n));
            s2 = TLanes.Add(s2, TLanes.Load(ref x, 2 * n));
            s3 = TLanes.Add(s3, TLanes.Load(ref x, 3 * n));
        }

        int o = 0;
        for (; o < lag; o++)
        {
            ref float x = ref Unsafe.Add(ref source, (nuint)(o + lead) * step);
            s0 = TLanes.Add(s0, TLanes.Load(ref x, 0));
            s1 = TLanes.Add(s1, TLanes.Load(ref x, n));
            s2 = TLanes.Add(s2, TLanes.Load(ref x, 2 * n));
            s3 = TLanes.Add(s3, TLanes.Load(ref x, 3 * n));
            if (o == target)
            {
                TakeSamples(s0, s1, s2, s3, Count(o, length, half, lag), sampleCols, ref next, ref target, ref destination);
            }
        }

        int fullEnd = length - half + 1;
        for (; o < fullEnd; o++)
        {
            ref float x = ref Unsafe.Add(ref source, (nuint)(o + lead) * step);
            ref float z = ref Unsafe.Add(ref source, (nuint)(o - lag) * step);
            s0 = TLanes.Subtract(TLanes.Add(s0, TLanes.Load(ref x, 0)), TLanes.Load(ref z, 0));
            s1 = TLanes.Subtract(TLanes.Add(s1, TLanes.Load(ref x, n)), TLanes.Load(ref z, n));
            s2 = TLanes.Subtract(TLanes.Add(s2, TLanes.Load(ref x, 2 * n)), TLanes.Load(ref z, 2 * n));
            s3 = TLanes.Subtract(TLanes.Add(s3, TLanes.Load(ref x, 3 * n)), TLanes.Load(ref z, 3 * n));
            if (o == target)
            {
                TakeSamples(s0, s1, s2, s3, window, sampleCols, ref next, ref target, ref destination);
            }
        }

        for (; o < length; o++)
        {
            ref float z = ref Unsafe.Add(ref source, (nuint)(o - lag) * step);
            s0 = TLanes.Subtract(s0, TLanes.Load(ref z, 0));
            s1 = TLanes.Subtract(s1, TLanes.Load(ref z, n));
            s2 = TLanes.Subtract(s2, TLanes.Load(ref z, 2 * n));
            s3 = TLanes.Subtract(s3, TLanes.Load(ref z, 3 * n));
            if (o == target)
            {
                TakeSamples(s0, s1, s2, s3, Count(o, length, half, lag), sampleCols, ref next, ref target, ref destination);
            }
        }
    }

    /// <summary>Stores <c>sum / count</c> of each group for every sample index equal to the current one (indices repeat below 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TakeSamples(TVector s0, TVector s1, TVector s2, TVector s3, int count, ReadOnlySpan<int> sampleIndices, ref int next, ref int target, ref float destination)
    {
        nuint n = (nuint)TLanes.Count;
        TVector v0 = Scale(s0, count), v1 = Scale(s1, count), v2 = Scale(s2, count), v3 = Scale(s3, count);
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

    /// <summary>Samples in the running sum at output o: <c>min(o + half, len) - max(0, o - lag + 1)</c>.</summary>
    private static int Count(int o, int length, int half, int lag) => Math.Min(o + half, length) - Math.Max(0, o - lag + 1);

    /// <summary><c>sum / count</c>, as a multiply when the count is a power of two (bit-identical then).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Scale(TVector sum, int count) =>
        BitOperations.IsPow2(count) ? TLanes.Multiply(sum, TLanes.Splat(1f / count)) : TLanes.Divide(sum, TLanes.Splat(count));

    /// <summary>
    /// Vertical box over the 64 sampled columns (rows of 64 floats), taking outputs only at the sampled
    /// rows, into the 64x64 buffer.
    /// </summary>
    private static void BoxRowsSampled(Span<float> sampledColumns, Span<float> buffer64x64, int length, int window, ReadOnlySpan<int> sampleRows, Span<float> sum)
    {
        nuint n = (nuint)TLanes.Count;
        ref float source = ref MemoryMarshal.GetReference(sampledColumns);
        ref float total = ref MemoryMarshal.GetReference(sum);
        ref float destination = ref MemoryMarshal.GetReference(buffer64x64);
        int half = (window + 2) / 2;
        int lead = half - 1;
        int lag = window - half + 1;
        int next = 0;

        for (int i = 0; i < lead; i++)
        {
            AccumulateRow(ref total, ref Unsafe.Add(ref source, i * 64), add: true);
        }

        for (int o = 0; o < length; o++)
        {
            if (o <= length - half)
            {
                AccumulateRow(ref total, ref Unsafe.Add(ref source, (o + lead) * 64), add: true);
            }

            if (o >= lag)
            {
                AccumulateRow(ref total, ref Unsafe.Add(ref source, (o - lag) * 64), add: false);
            }

            if (next < 64 && sampleRows[next] == o)
            {
                int count = Count(o, length, half, lag);
                do
                {
                    for (nuint v = 0; v < 64; v += n)
                    {
                        TLanes.Store(Scale(TLanes.Load(ref total, v), count), ref destination, ((nuint)next * 64) + v);
                    }

                    next++;
                }
                while (next < 64 && sampleRows[next] == o);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateRow(ref float total, ref float row, bool add)
    {
        nuint n = (nuint)TLanes.Count;
        for (nuint v = 0; v < 64; v += n)
        {
            TVector t = TLanes.Load(ref total, v);
            TVector r = TLanes.Load(ref row, v);
            TLanes.Store(add ? TLanes.Add(t, r) : TLanes.Subtract(t, r), ref total, v);
        }
    }

    /// <summary>The vertical box over full rows (stage B), one output row per <see cref="Step"/>.</summary>
    private readonly struct VerticalState
    {
        private readonly int _length;
        private readonly int _half;
        private readonly int _lead;
        private readonly int _lag;

        public VerticalState(int window, int length)
        {
            _length = length;
            _half = (window + 2) / 2;
            _lead = _half - 1;
            _lag = window - _half + 1;
        }

        /// <summary>True when every input row output <paramref name="o"/> needs is among the first <paramref name="available"/>.</summary>
        public bool CanOutput(int o, int available) =>
            available == _length || o + _lead < available;

        /// <summary>Advances the running sums to output <paramref name="o"/> and writes that output row.</summary>
        public void Step(int o, Span<float> ring, int ringRows, Span<float> sum, Span<float> output, int paddedCols)
        {
            nuint n = (nuint)TLanes.Count;
            ref float ringStart = ref MemoryMarshal.GetReference(ring);
            ref float total = ref MemoryMarshal.GetReference(sum);
            ref float target = ref MemoryMarshal.GetReference(output);
            nuint width = (nuint)paddedCols;
            if (o == 0)
            {
                for (int i = 0; i < _lead; i++)
                {
                    ref float row = ref Unsafe.Add(ref ringStart, (i % ringRows) * paddedCols);
                    for (nuint v = 0; v < width; v += n)
                    {
                        TLanes.Store(TLanes.Add(TLanes.Load(ref total, v), TLanes.Load(ref row, v)), ref total, v);
                    }
                }
            }

            bool add = o <= _length - _half;
            bool subtract = o >= _lag;
            ref float addRow = ref Unsafe.Add(ref ringStart, (add ? (o + _lead) % ringRows : 0) * paddedCols);
            ref float subtractRow = ref Unsafe.Add(ref ringStart, (subtract ? (o - _lag) % ringRows : 0) * paddedCols);
            int count = Count(o, _length, _half, _lag);

            if (add && subtract && BitOperations.IsPow2(count))
            {
                TVector reciprocal = TLanes.Splat(1f / count);
                for (nuint v = 0; v < width; v += n)
                {
                    TVector s = TLanes.Subtract(TLanes.Add(TLanes.Load(ref total, v), TLanes.Load(ref addRow, v)), TLanes.Load(ref subtractRow, v));
                    TLanes.Store(s, ref total, v);
                    TLanes.Store(TLanes.Multiply(s, reciprocal), ref target, v);
                }
            }
            else if (add && subtract)
            {
                TVector divisor = TLanes.Splat(count);
                for (nuint v = 0; v < width; v += n)
                {
                    TVector s = TLanes.Subtract(TLanes.Add(TLanes.Load(ref total, v), TLanes.Load(ref addRow, v)), TLanes.Load(ref subtractRow, v));
                    TLanes.Store(s, ref total, v);
                    TLanes.Store(TLanes.Divide(s, divisor), ref target, v);
                }
            }
            else
            {
                TVector divisor = TLanes.Splat(count);
                for (nuint v = 0; v < width; v += n)
                {
                    TVector s = TLanes.Load(ref total, v);
                    if (add)
                    {
                        s = TLanes.Add(s, TLanes.Load(ref addRow, v));
                    }

                    if (subtract)
                    {
                        s = TLanes.Subtract(s, TLanes.Load(ref subtractRow, v));
                    }

                    TLanes.Store(s, ref total, v);
                    TLanes.Store(TLanes.Divide(s, divisor), ref target, v);
                }
            }
        }
    }
}
