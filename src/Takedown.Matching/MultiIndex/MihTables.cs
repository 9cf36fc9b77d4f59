using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// Immutable multi-index tables over a contiguous range of store positions: either the 16 x 16-bit layout
/// (<see cref="MihSegment"/>) or, for large segments, the 11 x 23-bit one (<see cref="MihWideSegment"/>).
/// Both keep postings as three-byte positions relative to <see cref="Start"/>, sorted by slot value.
/// </summary>
internal abstract class MihTables
{
    /// <summary>Postings are 24-bit, so a segment holds at most 2^24 entries.</summary>
    public const int MaxEntries = 1 << 24;

    /// <summary>Bytes per posting.</summary>
    protected const int PostingBytes = 3;

    /// <summary>Creates tables covering [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    protected MihTables(int start, int count)
    {
        Start = start;
        Count = count;
    }

    /// <summary>First store position covered.</summary>
    public int Start { get; }

    /// <summary>Number of positions covered.</summary>
    public int Count { get; }

    /// <summary>Bytes held.</summary>
    public abstract long MemoryBytes { get; }

    /// <summary>
    /// Prefetches the first and, when it lies on another cache line, the last posting of a bucket's range (a bucket of
    /// ~15 postings, as at 1M entries in the 16 x 16 layout, is 45 bytes: it straddles two lines more often than not).
    /// Callers check <see cref="Sse.IsSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static unsafe void PrefetchPostings(byte* postings, int from, int length)
    {
        byte* first = postings + ((nint)from * PostingBytes);
        byte* last = first + (length * PostingBytes);
        Sse.Prefetch0(first);
        if (((nint)first ^ (nint)last) >= 64)
        {
            Sse.Prefetch0(last);
        }
    }

    /// <summary>
    /// Copies the postings of the buckets in <paramref name="ranges"/> ((start, length) pairs, table-major,
    /// <paramref name="probesPerTable"/> per table) to <paramref name="destination"/> as store positions.
    /// </summary>
    protected static void CopyPostings(byte[][] postings, int start, ReadOnlySpan<int> ranges, int probesPerTable, Span<int> destination, int tables)
    {
        ref int write = ref MemoryMarshal.GetReference(destination);
        int p = 0;
        for (int t = 0; t < tables; t++)
        {
            ref byte table = ref MemoryMarshal.GetArrayDataReference(postings[t]);
            for (int m = 0; m < probesPerTable; m++)
            {
                int from = ranges[p++];
                int length = ranges[p++];
                ref byte read = ref Unsafe.Add(ref table, (nint)from * PostingBytes);
                for (int j = 0; j < length; j++)
                {
                    // Four bytes read, three kept: the arrays have one byte of padding at the end.
                    uint relative = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref read, j * PostingBytes)) & 0x00FF_FFFF;
                    write = start + (int)relative;
                    write = ref Unsafe.Add(ref write, 1);
                }
            }
        }
    }
}
