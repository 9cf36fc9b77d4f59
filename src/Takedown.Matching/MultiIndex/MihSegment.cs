using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// Immutable multi-index tables over a contiguous range of store positions, in compressed sparse row form:
/// for each of the 16 slots, 65,537 bucket offsets and the postings (positions relative to <see cref="Start"/>)
/// sorted by slot value, three bytes each. That is 48 bytes per entry plus 4 MB of offsets.
/// </summary>
[SkipLocalsInit]
internal sealed class MihSegment
{
    /// <summary>Postings are 24-bit, so a segment holds at most 2^24 entries.</summary>
    public const int MaxEntries = 1 << 24;

    private const int PostingBytes = 3;
    private const int OffsetsPerTable = Slots.Buckets + 1;

    private readonly int[] _offsets;
    private readonly byte[][] _postings;

    private MihSegment(int start, int count, int[] offsets, byte[][] postings)
    {
        Start = start;
        Count = count;
        _offsets = offsets;
        _postings = postings;
    }

    /// <summary>First store position covered.</summary>
    public int Start { get; }

    /// <summary>Number of positions covered.</summary>
    public int Count { get; }

    /// <summary>Bytes held.</summary>
    public long MemoryBytes => (4L * _offsets.Length) + _postings.Sum(p => (long)p.Length);

    /// <summary>Builds the tables for positions [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public static MihSegment Build(HashStore store, int start, int count)
    {
        if ((uint)count > MaxEntries)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A segment holds at most 2^24 entries.");
        }

        var offsets = new int[Slots.Count * OffsetsPerTable];
        var postings = new byte[Slots.Count][];

        // One pass over a word's column serves the four tables (slots) it holds.
        Parallel.For(0, 4, word => BuildWord(store, start, count, word, offsets, postings));
        return new MihSegment(start, count, offsets, postings);
    }

    /// <summary>Appends to <paramref name="candidates"/> every position whose slot <paramref name="table"/> is <paramref name="key"/> XOR one of <paramref name="masks"/>.</summary>
    public void Gather(int table, int key, ReadOnlySpan<ushort> masks, CandidateBuffer candidates)
    {
        ReadOnlySpan<int> offsets = _offsets.AsSpan(table * OffsetsPerTable, OffsetsPerTable);
        ref byte postings = ref MemoryMarshal.GetArrayDataReference(_postings[table]);
        int start = Start;
        foreach (ushort mask in masks)
        {
            int bucket = key ^ mask;
            int from = offsets[bucket];
            int length = offsets[bucket + 1] - from;
            if (length == 0)
            {
                continue;
            }

            Span<int> destination = candidates.Reserve(length);
            for (int j = 0; j < destination.Length; j++)
            {
                // Four bytes read, three kept: the array has one byte of padding at the end.
                uint relative = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref postings, (nint)(from + j) * PostingBytes)) & 0x00FF_FFFF;
                destination[j] = start + (int)relative;
            }
        }
    }

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

            allPostings[first + t] = GC.AllocateUninitializedArray<byte>((count * PostingBytes) + 1);
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
