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
        Parallel.For(0, Slots.Count, table =>
            postings[table] = BuildTable(store, start, count, table, offsets.AsSpan(table * OffsetsPerTable, OffsetsPerTable)));
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

    private static byte[] BuildTable(HashStore store, int start, int count, int table, Span<int> offsets)
    {
        int word = table >> 2;
        int end = start + count;

        // Counting sort on the slot value: histogram into offsets[key + 1], prefix sums, then place.
        for (int chunk = start >> HashStore.ChunkShift; chunk << HashStore.ChunkShift < end; chunk++)
        {
            (ulong[] column, int from, int to) = Range(store, chunk, start, end, word);
            for (int i = from; i < to; i++)
            {
                offsets[Slots.KeyInWord(column[(2 * i) + (word & 1)], table) + 1]++;
            }
        }

        for (int b = 1; b < offsets.Length; b++)
        {
            offsets[b] += offsets[b - 1];
        }

        byte[] postings = GC.AllocateUninitializedArray<byte>((count * PostingBytes) + 1);
        postings[^1] = 0;
        int[] cursor = offsets[..Slots.Buckets].ToArray();
        for (int chunk = start >> HashStore.ChunkShift; chunk << HashStore.ChunkShift < end; chunk++)
        {
            (ulong[] column, int from, int to) = Range(store, chunk, start, end, word);
            int relativeBase = (chunk << HashStore.ChunkShift) - start;
            for (int i = from; i < to; i++)
            {
                int at = cursor[Slots.KeyInWord(column[(2 * i) + (word & 1)], table)]++ * PostingBytes;
                int relative = relativeBase + i;
                postings[at] = (byte)relative;
                postings[at + 1] = (byte)(relative >> 8);
                postings[at + 2] = (byte)(relative >> 16);
            }
        }

        return postings;
    }

    /// <summary>The column holding <paramref name="word"/> in a chunk, and the in-chunk index range inside [start, end).</summary>
    private static (ulong[] Column, int From, int To) Range(HashStore store, int chunk, int start, int end, int word)
    {
        int chunkStart = chunk << HashStore.ChunkShift;
        ulong[] column = word < 2 ? store.LoChunk(chunk) : store.HiChunk(chunk);
        return (column, Math.Max(start, chunkStart) - chunkStart, Math.Min(end, chunkStart + HashStore.ChunkSize) - chunkStart);
    }
}
