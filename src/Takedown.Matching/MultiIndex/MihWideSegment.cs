using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// Multi-index tables in the wide layout (<see cref="WideSlots"/>: 11 slots of 23 bits), for large segments.
/// Each table has 2^23 buckets of about one entry at 10M; its bucket offsets are kept in two levels, a 32-bit base
/// per block of 256 buckets and a 16-bit offset within the block per bucket, so the offsets cost 2 bytes per bucket
/// (16.1 MB per table) instead of 4. With the 11 three-byte postings that is 33 bytes per entry plus 185 MB,
/// under 56 bytes per entry from 8M entries on (the 16 x 16 layout: 48 plus 4 MB).
/// </summary>
[SkipLocalsInit]
internal sealed class MihWideSegment : MihTables
{
    private const int BlockShift = 8;
    private const int Blocks = WideSlots.Buckets >> BlockShift;
    private const int RelativePerTable = WideSlots.Buckets + 1;
    private const int BasesPerTable = Blocks + 1;
    private const int Partitions = 256;
    private const int PartitionShift = WideSlots.Bits - 8;
    private const int PartitionBuckets = 1 << PartitionShift;

    private readonly ushort[] _relative;
    private readonly int[] _bases;
    private readonly byte[][] _postings;

    private MihWideSegment(int start, int count, ushort[] relative, int[] bases, byte[][] postings)
        : base(start, count)
    {
        _relative = relative;
        _bases = bases;
        _postings = postings;
    }

    /// <inheritdoc/>
    public override long MemoryBytes => (2L * _relative.Length) + (4L * _bases.Length) + _postings.Sum(p => (long)p.Length);

    /// <summary>
    /// Builds the tables for positions [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>),
    /// or returns null if a block of 256 buckets holds more than 65,535 entries (heavily duplicated data), which the
    /// 16-bit in-block offsets cannot address: the caller then builds the 16 x 16 layout.
    /// </summary>
    public static MihWideSegment? TryBuild(HashStore store, int start, int count)
    {
        if ((uint)count > MaxEntries)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A segment holds at most 2^24 entries.");
        }

        ushort[] relative = GC.AllocateUninitializedArray<ushort>(WideSlots.Count * RelativePerTable, pinned: true);
        int[] bases = GC.AllocateUninitializedArray<int>(WideSlots.Count * BasesPerTable, pinned: true);
        var postings = new byte[WideSlots.Count][];
        int failed = 0;
        Parallel.For(0, WideSlots.Count, table =>
        {
            if (Volatile.Read(ref failed) == 0 && !BuildTable(store, start, count, table, relative, bases, postings))
            {
                Volatile.Write(ref failed, 1);
            }
        });
        if (failed != 0)
        {
            return null;
        }

        HugePages.Collapse(relative);
        return new MihWideSegment(start, count, relative, bases, postings);
    }

    /// <summary>First sweep: prefetches the in-block offsets of every probed bucket.</summary>
    public unsafe void PrefetchOffsets(ReadOnlySpan<int> keys, ReadOnlySpan<int> masks, int tables = WideSlots.Count)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        ushort* relative = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_relative));
        for (int t = 0; t < tables; t++)
        {
            ushort* table = relative + ((nint)t * RelativePerTable);
            int key = keys[t];
            foreach (int mask in masks)
            {
                Sse.Prefetch0(table + (key ^ mask));
            }
        }
    }

    /// <summary>
    /// Second sweep: writes (start, length) of every probed bucket to <paramref name="ranges"/> (two ints per probe,
    /// table-major) and prefetches the first and last line of its postings; returns the total length.
    /// </summary>
    public unsafe int ReadRanges(ReadOnlySpan<int> keys, ReadOnlySpan<int> masks, Span<int> ranges, int tables = WideSlots.Count)
    {
        ushort* relativeAll = (ushort*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_relative));
        int* basesAll = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bases));
        bool prefetch = Sse.IsSupported;
        int total = 0;
        int p = 0;
        for (int t = 0; t < tables; t++)
        {
            ushort* relative = relativeAll + ((nint)t * RelativePerTable);
            int* bases = basesAll + (t * BasesPerTable);
            byte* postings = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_postings[t]));
            int key = keys[t];
            foreach (int mask in masks)
            {
                int bucket = key ^ mask;
                int from = bases[bucket >> BlockShift] + relative[bucket];
                int length = bases[(bucket + 1) >> BlockShift] + relative[bucket + 1] - from;
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
    public void CopyPostings(ReadOnlySpan<int> ranges, int masks, Span<int> destination, int tables = WideSlots.Count) =>
        CopyPostings(_postings, Start, ranges, masks, destination, tables);

    /// <summary>Appends the candidates of one query (its wide slot keys) over the first <paramref name="tables"/> tables.</summary>
    public void GatherAll(ReadOnlySpan<int> keys, ReadOnlySpan<int> masks, CandidateBuffer candidates, int tables = WideSlots.Count)
    {
        int probes = masks.Length * tables;
        int[] ranges = ArrayPool<int>.Shared.Rent(2 * probes);
        try
        {
            PrefetchOffsets(keys, masks, tables);
            int total = ReadRanges(keys, masks, ranges, tables);
            CopyPostings(ranges, masks.Length, candidates.Reserve(total), tables);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ranges);
        }
    }

    /// <summary>
    /// Counting sort of one table; false if a block overflows the 16-bit in-block offsets. Counting into 2^23
    /// buckets and placing straight into the postings would be three random DRAM accesses per entry; instead the
    /// (low key bits, position) pairs are scattered into 256 partitions by the key's top byte (256 sequential
    /// streams), and each partition, 32,768 buckets whose postings span a few hundred kilobytes, is counted and
    /// placed in cache.
    /// </summary>
    private static bool BuildTable(HashStore store, int start, int count, int table, ushort[] allRelative, int[] allBases, byte[][] allPostings)
    {
        int end = start + count;
        Span<int> partitions = stackalloc int[Partitions + 1];
        partitions.Clear();
        int bit = WideSlots.Bits * table;
        for (int chunk = start >> HashStore.ChunkShift; chunk << HashStore.ChunkShift < end; chunk++)
        {
            (ulong[] lo, ulong[] hi, int from, int to) = Range(store, chunk, start, end);
            for (int i = from; i < to; i++)
            {
                partitions[(KeyAt(lo, hi, i, bit) >> PartitionShift) + 1]++;
            }
        }

        for (int p = 1; p <= Partitions; p++)
        {
            partitions[p] += partitions[p - 1];
        }

        ulong[] packed = ArrayPool<ulong>.Shared.Rent(Math.Max(1, count));
        int[] local = ArrayPool<int>.Shared.Rent(PartitionBuckets + 1);
        try
        {
            Span<int> fill = stackalloc int[Partitions];
            partitions[..Partitions].CopyTo(fill);
            for (int chunk = start >> HashStore.ChunkShift; chunk << HashStore.ChunkShift < end; chunk++)
            {
                (ulong[] lo, ulong[] hi, int from, int to) = Range(store, chunk, start, end);
                int relativeBase = (chunk << HashStore.ChunkShift) - start;
                for (int i = from; i < to; i++)
                {
                    int key = KeyAt(lo, hi, i, bit);
                    packed[fill[key >> PartitionShift]++] = ((ulong)(key & (PartitionBuckets - 1)) << 24) | (uint)(relativeBase + i);
                }
            }

            Span<ushort> relative = allRelative.AsSpan(table * RelativePerTable, RelativePerTable);
            Span<int> bases = allBases.AsSpan(table * BasesPerTable, BasesPerTable);
            byte[] postings = GC.AllocateUninitializedArray<byte>((count * PostingBytes) + 1, pinned: true);
            postings[^1] = 0;
            Span<int> counts = local.AsSpan(0, PartitionBuckets + 1);
            for (int p = 0; p < Partitions; p++)
            {
                int from = partitions[p];
                int to = partitions[p + 1];
                counts.Clear();
                for (int j = from; j < to; j++)
                {
                    counts[(int)(packed[j] >> 24) + 1]++;
                }

                for (int b = 1; b < counts.Length; b++)
                {
                    counts[b] += counts[b - 1];
                }

                // Blocks of 256 buckets nest in the partition's 32,768: bases are absolute, offsets within the block.
                for (int block = 0; block < PartitionBuckets >> BlockShift; block++)
                {
                    bases[(p * (PartitionBuckets >> BlockShift)) + block] = from + counts[block << BlockShift];
                }

                for (int b = 0; b < PartitionBuckets; b++)
                {
                    int within = counts[b] - counts[b & ~((1 << BlockShift) - 1)];
                    if (within > ushort.MaxValue)
                    {
                        return false;
                    }

                    relative[(p * PartitionBuckets) + b] = (ushort)within;
                }

                for (int j = from; j < to; j++)
                {
                    ulong entry = packed[j];
                    int at = (from + counts[(int)(entry >> 24)]++) * PostingBytes;
                    postings[at] = (byte)entry;
                    postings[at + 1] = (byte)(entry >> 8);
                    postings[at + 2] = (byte)(entry >> 16);
                }
            }

            relative[WideSlots.Buckets] = 0;
            bases[Blocks] = count;
            allPostings[table] = postings;
            return true;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(local);
            ArrayPool<ulong>.Shared.Return(packed);
        }
    }

    /// <summary>
    /// The slot starting at <paramref name="bit"/> of entry <paramref name="i"/>, reading only the one or two words
    /// it spans (so a table's build streams one 16-byte column, not both), equal to <see cref="WideSlots.Key"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeyAt(ulong[] lo, ulong[] hi, int i, int bit)
    {
        int word = bit >> 6;
        int shift = bit & 63;
        ulong value = Word(lo, hi, i, word) >> shift;
        if (shift > 64 - WideSlots.Bits)
        {
            value |= Word(lo, hi, i, word + 1) << (64 - shift);
        }

        return (int)value & (WideSlots.Buckets - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ulong[] lo, ulong[] hi, int i, int word) => word < 2 ? lo[(2 * i) + word] : hi[(2 * i) + word - 2];

    /// <summary>A chunk's columns and the in-chunk index range inside [start, end).</summary>
    private static (ulong[] Lo, ulong[] Hi, int From, int To) Range(HashStore store, int chunk, int start, int end)
    {
        int chunkStart = chunk << HashStore.ChunkShift;
        return (store.LoChunk(chunk), store.HiChunk(chunk), Math.Max(start, chunkStart) - chunkStart,
            Math.Min(end, chunkStart + HashStore.ChunkSize) - chunkStart);
    }
}
