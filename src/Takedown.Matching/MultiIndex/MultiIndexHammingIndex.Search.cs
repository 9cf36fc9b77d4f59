using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Flat;
using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

public sealed partial class MultiIndexHammingIndex
{
    /// <summary>How many candidates ahead to prefetch; each candidate is a random 16-byte read.</summary>
    private const int PrefetchDistance = 16;

    /// <summary>Candidate counts from which verification is split across cores.</summary>
    private const int ParallelCandidates = 16_384;

    private void SearchTables(ulong[] words, int radius, List<RawHit> hits)
    {
        ReadOnlySpan<ushort> masks = FlipMasks.UpTo(radius >> 4);
        int queries = words.Length / 4;
        bool parallel = Environment.ProcessorCount > 1 && _store.Count >= FlatScanner.ParallelThreshold;
        if (queries > 1 && parallel)
        {
            // Several queries (the dihedral batch): one query per work item, all cores.
            var partial = new List<RawHit>[queries];
            int flips = radius >> 4;
            Parallel.For(0, queries, k =>
            {
                var local = new List<RawHit>();
                using var candidates = new CandidateBuffer();
                GatherAll(words.AsSpan(4 * k, 4), FlipMasks.UpTo(flips), candidates);
                Verify(candidates.Items, words, k, radius, local);
                partial[k] = local;
            });
            foreach (List<RawHit> local in partial)
            {
                hits.AddRange(local);
            }

            return;
        }

        using var buffer = new CandidateBuffer();
        for (int k = 0; k < queries; k++)
        {
            buffer.Clear();
            GatherAll(words.AsSpan(4 * k, 4), masks, buffer);
            if (parallel && buffer.Count >= ParallelCandidates)
            {
                VerifyParallel(buffer, words, k, radius, hits);
            }
            else
            {
                Verify(buffer.Items, words, k, radius, hits);
            }
        }
    }

    private void VerifyParallel(CandidateBuffer buffer, ulong[] words, int k, int radius, List<RawHit> hits)
    {
        int workers = Environment.ProcessorCount;
        var partial = new List<RawHit>[workers];
        Parallel.For(0, workers, w =>
        {
            int from = (int)((long)buffer.Count * w / workers);
            int to = (int)((long)buffer.Count * (w + 1) / workers);
            var local = new List<RawHit>();
            Verify(buffer.Items[from..to], words, k, radius, local);
            partial[w] = local;
        });
        foreach (List<RawHit> local in partial)
        {
            hits.AddRange(local);
        }
    }

    /// <summary>Full distance test of each candidate against query <paramref name="k"/>, prefetching ahead.</summary>
    [SkipLocalsInit]
    private unsafe void Verify(ReadOnlySpan<int> candidates, ulong[] words, int k, int radius, List<RawHit> hits)
    {
        ulong q0 = words[4 * k];
        ulong q1 = words[(4 * k) + 1];
        HashStore store = _store;
        int n = candidates.Length;
        bool prefetch = Sse.IsSupported;
        for (int j = 0; j < n; j++)
        {
            if (prefetch && j + PrefetchDistance < n)
            {
                Sse.Prefetch0(store.LoAddress(candidates[j + PrefetchDistance]));
            }

            int position = candidates[j];
            ulong* lo = store.LoAddress(position);
            int d = BitOperations.PopCount(lo[0] ^ q0) + BitOperations.PopCount(lo[1] ^ q1);
            if (d <= radius)
            {
                CheckSurvivor(position, d, words, k, radius, hits);
            }
        }
    }

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
}
