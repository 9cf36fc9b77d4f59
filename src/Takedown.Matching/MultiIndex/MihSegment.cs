using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// Immutable multi-index tables over a contiguous range of store positions, in compressed sparse row form:
/// for each of the 16 slots, 65,537 bucket offsets and the postings (positions relative to <see cref="Start"/>)
/// sorted by slot value, three bytes each. That is 48 bytes per entry plus 4 MB of offsets.
/// </summary>
[SkipLocalsInit]
internal sealed class MihSegment : MihTables
{
    private const int OffsetsPerTable = Slots.Buckets + 1;

    private readonly int[] _offsets;
    private readonly byte[][] _postings;

    private MihSegment(int start, int count, int[] offsets, byte[][] postings)
        : base(start, count)
    {
        _offsets = offsets;
        _postings = postings;
    }

    /// <inheritdoc/>
    public override long MemoryBytes => (4L * _offsets.Length) + _postings.Sum(p => (long)p.Length);

    /// <summary>Backs the offsets (and, if <paramref name="postings"/>, the postings) with huge pages where the kernel can.</summary>
    public void UseHugePages(bool postings)
    {
        HugePages.Collapse(_offsets);
        if (postings)
        {
            foreach (byte[] table in _postings)
            {
                HugePages.Collapse(table);
            }
        }
    }

    /// <summary>Builds the tables for positions [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public static MihSegment Build(HashStore store, int start, int count)
    {
        if ((uint)count > MaxEntries)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A segment holds at most 2^24 entries.");
        }

        var offsets = GC.AllocateArray<int>(Slots.Count * OffsetsPerTable, pinned: true);
        var postings = new byte[Slots.Count][];

        // One pass over a word's column serves the four tables (slots) it holds.
        // The postings stay on 4 KB pages: a query reads them at only ~270 places (radius 31), and collapsing
        // 48 bytes per entry into huge pages cost more build time than it saved. The offsets (4 MB whatever the
        // size) are collapsed: that is cheap, and every probe starts with a random read in them.
        Parallel.For(0, 4, word => BuildWord(store, start, count, word, offsets, postings));
        var segment = new MihSegment(start, count, offsets, postings);
        segment.UseHugePages(postings: false);
        return segment;
    }

    /// <summary>
    /// Appends to <paramref name="candidates"/> every position whose slot t is <c>keys[t]</c> XOR one of
    /// <paramref name="masks"/>, for every table t.
    /// </summary>
    /// <remarks>
    /// Every probe is two dependent random reads (the bucket's offsets, then its postings). Done probe by probe,
    /// they are ~550 round trips to DRAM per query at radius 31; here they are done as three sweeps that each
    /// issue all their misses before waiting on any: <see cref="PrefetchOffsets"/>, <see cref="ReadRanges"/> (which
    /// prefetches every bucket's postings), then <see cref="CopyPostings"/>. A multi-query search runs each sweep for
    /// all its queries before the next, so their misses overlap too.
    /// </remarks>
    public void GatherAll(ReadOnlySpan<int> keys, ReadOnlySpan<ushort> masks, CandidateBuffer candidates, int tables = Slots.Count)
    {
        int probes = masks.Length * tables;
        int[]? rented = null;
        Span<int> ranges = probes <= 512 ? stackalloc int[2 * probes] : (rented = ArrayPool<int>.Shared.Rent(2 * probes));
        try
        {
            PrefetchOffsets(keys, masks, tables);
            int total = ReadRanges(keys, masks, ranges, tables);
            CopyPostings(ranges, masks.Length, candidates.Reserve(total), tables);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>First sweep: prefetches the offsets of every probed bucket.</summary>
    public unsafe void PrefetchOffsets(ReadOnlySpan<int> keys, ReadOnlySpan<ushort> masks, int tables = Slots.Count)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        int* offsets = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_offsets));
        for (int t = 0; t < tables; t++)
        {
            int* table = offsets + (t * OffsetsPerTable);
            int key = keys[t];
            foreach (ushort mask in masks)
            {
                Sse.Prefetch0(table + (key ^ mask));
            }
        }
    }

    /// <summary>
    /// Second sweep: writes (start, length) of every probed bucket to <paramref name="ranges"/> (two ints per probe,
    /// table-major) and prefetches the first and last line of its postings; returns the total length.
    /// </summary>
    public unsafe int ReadRanges(ReadOnlySpan<int> keys, ReadOnlySpan<ushort> masks, Span<int> ranges, int tables = Slots.Count)
    {
        int* offsets = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_offsets));
        bool prefetch = Sse.IsSupported;
        int total = 0;
        int p = 0;
        for (int t = 0; t < tables; t++)
        {
            int* table = offsets + (t * OffsetsPerTable);
            byte* postings = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_postings[t]));
            int key = keys[t];
            foreach (ushort mask in masks)
            {
                int bucket = key ^ mask;
                int from = table[bucket];
                int length = table[bucket + 1] - from;
                if (prefetch && length != 0)
                {
                    PrefetchPostings(postings, from, length);
                }

                ranges[p++] = from;
                ranges[p++] = length;
                total += length;
            }
        }

        return total;
    }

    /// <summary>Third sweep: copies the postings of the buckets in <paramref name="ranges"/> to <paramref name="destination"/> as store positions.</summary>
    public void CopyPostings(ReadOnlySpan<int> ranges, int masks, Span<int> destination, int tables = Slots.Count) =>
        CopyPostings(_postings, Start, ranges, masks, destination, tables);

    private static void BuildWord(HashStore store, int start, int count, int word, int[] allOffsets, byte[][] allPostings)
    {
        int end = start + count;
        int first = 4 * word;
        Span<int> offsets = allOffsets.AsSpan(first * OffsetsPerTable, 4 * OffsetsPerTable);

        // Counting sort on each slot value: histograms into offsets[key + 1], prefix sums, then placement.
        for (int chunk = start >> HashStore.ChunkShift; chunk << HashStore.ChunkShift < end; chunk++)
        {
            (ulong[] column, int from, int to) = Range(store, chunk, start, end, word);
            for (int i = from; i < to; i++)
            {
                ulong w = column[(2 * i) + (word & 1)];
                offsets[(int)(w & 0xFFFF) + 1]++;
                offsets[OffsetsPerTable + (int)((w >> 16) & 0xFFFF) + 1]++;
                offsets[(2 * OffsetsPerTable) + (int)((w >> 32) & 0xFFFF) + 1]++;
                offsets[(3 * OffsetsPerTable) + (int)(w >> 48) + 1]++;
            }
        }

        for (int t = 0; t < 4; t++)
        {
            Span<int> table = offsets.Slice(t * OffsetsPerTable, OffsetsPerTable);
            for (int b = 1; b < table.Length; b++)
            {
                table[b] += table[b - 1];
            }

            allPostings[first + t] = GC.AllocateUninitializedArray<byte>((count * PostingBytes) + 1, pinned: true);
            allPostings[first + t][^1] = 0;
        }

        // Placing straight into 30 MB posting arrays would be a TLB and cache miss per write. Instead, per table:
        // scatter (low key byte, relative position) into 256 partitions by the high key byte (256 sequential streams),
        // then place each partition, whose postings span a few hundred kilobytes, by its low byte.
        uint[] scratch = ArrayPool<uint>.Shared.Rent(Math.Max(1, count));
        try
        {
            for (int t = 0; t < 4; t++)
            {
                PlaceTable(store, start, count, word, t, offsets.Slice(t * OffsetsPerTable, OffsetsPerTable), allPostings[first + t], scratch);
            }
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(scratch);
        }
    }

    private static void PlaceTable(HashStore store, int start, int count, int word, int slotInWord, ReadOnlySpan<int> offsets, byte[] postings, uint[] scratch)
    {
        int end = start + count;
        int shift = 16 * slotInWord;
        Span<int> high = stackalloc int[256];
        for (int h = 0; h < 256; h++)
        {
            high[h] = offsets[h << 8];
        }

        for (int chunk = start >> HashStore.ChunkShift; chunk << HashStore.ChunkShift < end; chunk++)
        {
            (ulong[] column, int from, int to) = Range(store, chunk, start, end, word);
            int relativeBase = (chunk << HashStore.ChunkShift) - start;
            for (int i = from; i < to; i++)
            {
                int key = (int)(column[(2 * i) + (word & 1)] >> shift) & 0xFFFF;
                scratch[high[key >> 8]++] = (uint)(relativeBase + i) | ((uint)key << 24);
            }
        }

        Span<int> cursor = stackalloc int[256];
        for (int h = 0; h < 256; h++)
        {
            int from = offsets[h << 8];
            int to = offsets[(h + 1) << 8];
            offsets.Slice(h << 8, 256).CopyTo(cursor);
            for (int j = from; j < to; j++)
            {
                uint packed = scratch[j];
                Place(postings, cursor[(int)(packed >> 24)]++, (int)(packed & 0x00FF_FFFF));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Place(byte[] postings, int index, int relative)
    {
        int at = index * PostingBytes;
        postings[at] = (byte)relative;
        postings[at + 1] = (byte)(relative >> 8);
        postings[at + 2] = (byte)(relative >> 16);
    }

    /// <summary>The column holding <paramref name="word"/> in a chunk, and the in-chunk index range inside [start, end).</summary>
    private static (ulong[] Column, int From, int To) Range(HashStore store, int chunk, int start, int end, int word)
    {
        int chunkStart = chunk << HashStore.ChunkShift;
        ulong[] column = word < 2 ? store.LoChunk(chunk) : store.HiChunk(chunk);
        return (column, Math.Max(start, chunkStart) - chunkStart, Math.Min(end, chunkStart + HashStore.ChunkSize) - chunkStart);
    }
}
