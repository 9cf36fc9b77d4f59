using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <content>
/// The sampled second vertical box (V2).
/// </content>
internal static partial class PdqVectorKernel<TLanes, TVector>
{
    /// <summary>
    /// V2: vertical box over the 64 sampled columns (rows of 64 floats), taking outputs only at the sampled
    /// rows, into the 64x64 buffer. Four vectors of columns at a time, their running sums in registers.
    /// </summary>
    private static void BoxRowsSampled(Span<float> sampledColumns, Span<float> buffer64x64, int length, int window, ReadOnlySpan<int> sampleRows)
    {
        int n = TLanes.Count;
        ref float source = ref MemoryMarshal.GetReference(sampledColumns);
        ref float destination = ref MemoryMarshal.GetReference(buffer64x64);
        var box = new BoxShape(window, length);
        for (int c = 0; c < 64; c += 4 * n)
        {
            BoxRowsSampledChunk(ref Unsafe.Add(ref source, c), ref Unsafe.Add(ref destination, c), box, sampleRows);
        }
    }

    /// <summary>V2 for the four vectors of sampled columns starting at <paramref name="source"/>.</summary>
    private static void BoxRowsSampledChunk(ref float source, ref float destination, in BoxShape box, ReadOnlySpan<int> sampleRows)
    {
        nuint n = (nuint)TLanes.Count;
        int length = box.Length;
        TVector s0 = TLanes.Zero;
        TVector s1 = TLanes.Zero;
        TVector s2 = TLanes.Zero;
        TVector s3 = TLanes.Zero;
        for (int i = 0; i < box.Lead; i++)
        {
            ref float row = ref Unsafe.Add(ref source, i * 64);
            s0 = TLanes.AddLoaded(s0, ref row, 0);
            s1 = TLanes.AddLoaded(s1, ref row, n);
            s2 = TLanes.AddLoaded(s2, ref row, 2 * n);
            s3 = TLanes.AddLoaded(s3, ref row, 3 * n);
        }

        int next = 0;
        for (int o = 0; o < length; o++)
        {
            if (o <= length - box.Half)
            {
                ref float row = ref Unsafe.Add(ref source, (o + box.Lead) * 64);
                s0 = TLanes.AddLoaded(s0, ref row, 0);
                s1 = TLanes.AddLoaded(s1, ref row, n);
                s2 = TLanes.AddLoaded(s2, ref row, 2 * n);
                s3 = TLanes.AddLoaded(s3, ref row, 3 * n);
            }

            if (o >= box.Lag)
            {
                ref float row = ref Unsafe.Add(ref source, (o - box.Lag) * 64);
                s0 = TLanes.SubtractLoaded(s0, ref row, 0);
                s1 = TLanes.SubtractLoaded(s1, ref row, n);
                s2 = TLanes.SubtractLoaded(s2, ref row, 2 * n);
                s3 = TLanes.SubtractLoaded(s3, ref row, 3 * n);
            }

            if (next < 64 && sampleRows[next] == o)
            {
                int count = box.Count(o);
                do
                {
                    ref float y = ref Unsafe.Add(ref destination, next * 64);
                    TLanes.Store(Scale(s0, count), ref y, 0);
                    TLanes.Store(Scale(s1, count), ref y, n);
                    TLanes.Store(Scale(s2, count), ref y, 2 * n);
                    TLanes.Store(Scale(s3, count), ref y, 3 * n);
                    next++;
                }
                while (next < 64 && sampleRows[next] == o);
            }
        }
    }
}
