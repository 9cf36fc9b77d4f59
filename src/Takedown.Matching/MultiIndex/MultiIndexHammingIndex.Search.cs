using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Flat;
using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

public sealed partial class MultiIndexHammingIndex
{
    /// <summary>How many candidates ahead to prefetch; each candidate is a random 16-byte read, usually from DRAM.</summary>
    private const int PrefetchDistance = 32;

    /// <summary>Candidate counts (all queries together) from which verification is offered to a second core.</summary>
    private const int ParallelCandidates = 8_192;

    /// <summary>Candidates per block claimed by a verifying thread.</summary>
    private const int VerifyBlock = 4_096;

    /// <summary>
    /// Gathers the candidates of every query into one list (query k's are those before <c>Ends[k]</c>), then
    /// verifies them in one prefetching pass, so the random reads of all queries overlap: an eight-query
    /// (dihedral) batch costs its candidates, not eight round trips. Hits go to <c>scratch.Hits</c>.
    /// </summary>
    private void SearchTables(QueryScratch scratch, int queries, int radius)
    {
        GatherBatch(scratch, queries, radius);
        CandidateBuffer buffer = scratch.Candidates;
        int[] ends = scratch.Ends;
        bool parallel = ParallelSearch && Environment.ProcessorCount > 1 && _store.Count >= FlatScanner.ParallelThreshold &&
                        buffer.Count >= ParallelCandidates;
        if (!parallel)
        {
            Verify(buffer.Items, 0, buffer.Count, ends, scratch.Words, radius, scratch.Hits);
            return;
        }

        var job = new VerifyJob(this, buffer.Array, buffer.Count, ends, scratch.Words, radius);
        job.Run();
        job.CopyHitsTo(scratch.Hits);
    }

    /// <summary>
    /// Full distance test of candidates [<paramref name="from"/>, <paramref name="to"/>), each against the query
    /// that gathered it, prefetching <see cref="PrefetchDistance"/> candidates ahead (across query boundaries).
    /// </summary>
    /// <remarks>
    /// Each candidate is one random read of its 128-bit prefix; its address comes from the store's chunk address
    /// table (one load) rather than the chunk array (two loads and a bounds check).
    /// </remarks>
    [SkipLocalsInit]
    private unsafe void Verify(ReadOnlySpan<int> candidates, int from, int to, ReadOnlySpan<int> ends, ulong[] words, int radius, List<RawHit> hits)
    {
        if (from >= to)
        {
            return;
        }

        ref int first = ref MemoryMarshal.GetReference(candidates);
        ref nint bases = ref MemoryMarshal.GetReference(_store.LoBases);
        bool prefetch = Sse.IsSupported;
        int prefetchEnd = to - PrefetchDistance;
        int k = 0;
        while (ends[k] <= from)
        {
            k++;
        }

        int j = from;
        while (j < to)
        {
            int end = Math.Min(to, ends[k]);
            ulong q0 = words[4 * k];
            ulong q1 = words[(4 * k) + 1];
            for (; j < end; j++)
            {
                if (prefetch && j < prefetchEnd)
                {
                    Sse.Prefetch0(Prefix(ref bases, Unsafe.Add(ref first, j + PrefetchDistance)));
                }

                int position = Unsafe.Add(ref first, j);
                ulong* lo = Prefix(ref bases, position);
                int d = BitOperations.PopCount(lo[0] ^ q0) + BitOperations.PopCount(lo[1] ^ q1);
                if (d <= radius)
                {
                    CheckSurvivor(position, d, words, k, radius, hits);
                }
            }

            k++;
        }
    }

    /// <summary>The address of a position's 128-bit prefix, from the store's chunk address table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong* Prefix(ref nint bases, int position) =>
        (ulong*)(Unsafe.Add(ref bases, position >> HashStore.ChunkShift) + ((nint)(position & HashStore.ChunkMask) * 16));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckSurvivor(int position, int distanceLo, ulong[] words, int k, int radius, List<RawHit> hits)
    {
        int d = distanceLo +
                BitOperations.PopCount(_store.GetWord(position, 2) ^ words[(4 * k) + 2]) +
                BitOperations.PopCount(_store.GetWord(position, 3) ^ words[(4 * k) + 3]);
        if (d <= radius && _store.GetId(position) != HashStore.Removed)
        {
            hits.Add(new RawHit(position, d, k));
        }
    }

    /// <summary>Candidate verification in blocks of <see cref="VerifyBlock"/>, on the calling thread and a helper.</summary>
    private sealed class VerifyJob : Threading.SplitJob
    {
        private readonly MultiIndexHammingIndex _index;
        private readonly int[] _candidates;
        private readonly int _count;
        private readonly int[] _ends;
        private readonly ulong[] _words;
        private readonly int _radius;
        private readonly List<RawHit>[] _hits = [[], []];

        public VerifyJob(MultiIndexHammingIndex index, int[] candidates, int count, int[] ends, ulong[] words, int radius)
            : base((count + VerifyBlock - 1) / VerifyBlock)
        {
            _index = index;
            _candidates = candidates;
            _count = count;
            _ends = ends;
            _words = words;
            _radius = radius;
        }

        public void CopyHitsTo(List<RawHit> hits)
        {
            hits.AddRange(_hits[0]);
            hits.AddRange(_hits[1]);
        }

        protected override void RunBlock(int block, int worker)
        {
            int from = block * VerifyBlock;
            int to = Math.Min(_count, from + VerifyBlock);
            _index.Verify(_candidates.AsSpan(0, _count), from, to, _ends, _words, _radius, _hits[worker]);
        }
    }
}
