using Takedown.Hashing.Pdq;
using Takedown.Matching.Flat;
using Takedown.Matching.MultiIndex;
using Takedown.Matching.Storage;
using Takedown.Matching.Tests.Support;

namespace Takedown.Matching.Tests;

/// <summary>The multi-index search path: batched probing over segments and delta, and its per-thread buffers.</summary>
public sealed class MultiIndexSearchTests
{
    [Theory]
    [InlineData(31)]
    [InlineData(63)]
    public void Search_EightQueriesOverSegmentsAndDelta_EqualsBruteForce(int radius)
    {
        // Given: several segments (bulk loads past a low freeze threshold) and a non-empty delta (single adds).
        var index = new MultiIndexHammingIndex(new HashStore(), minDeltaToFreeze: 1_000);
        var reference = new BruteForce();
        PdqHash[] pool = TestHashes.Clustered(12_700, 60, seed: 21);
        int next = 0;
        foreach (int batch in new[] { 8_000, 3_000, 1_200 })
        {
            index.AddRange(pool.AsSpan(next, batch), Enumerable.Range(next, batch).Select(i => (long)i).ToArray());
            next += batch;
        }

        for (; next < 12_700; next++)
        {
            index.Add(pool[next], next);
        }

        for (int i = 0; i < next; i++)
        {
            reference.Add(pool[i], i);
        }

        index.SegmentCount.ShouldBeGreaterThan(1);
        index.DeltaCount.ShouldBeGreaterThan(0);
        var random = new Random(22);
        var results = new List<HammingMatch>();
        int found = 0;
        for (int round = 0; round < 40; round++)
        {
            // When: eight queries near entries of every part (old segments, newest segment, delta).
            var queries = new PdqHash[8];
            for (int k = 0; k < queries.Length; k++)
            {
                queries[k] = TestHashes.Flip(pool[random.Next(next)], random.Next(0, radius + 2), random);
            }

            index.Search(queries, radius, results);

            // Then
            results.ShouldBe(reference.Search(queries, radius), $"round {round}");
            found += results.Count;
        }

        found.ShouldBeGreaterThan(40);
    }

    [Theory]
    [InlineData(IndexKind.MultiIndex)]
    [InlineData(IndexKind.MultiIndexWide)]
    [InlineData(IndexKind.FlatScalar)]
    [InlineData(IndexKind.FlatVector128)]
    [InlineData(IndexKind.FlatVector256)]
    public void Search_AfterWarmUp_AllocatesNothing(IndexKind kind)
    {
        // Given: a built index (one thread per search), a results list and queries with matches, all warmed up once.
        IHammingIndex? index = kind switch
        {
            IndexKind.MultiIndex => new MultiIndexHammingIndex { ParallelSearch = false },
            IndexKind.MultiIndexWide => new MultiIndexHammingIndex(new HashStore(), wideMinEntries: IndexFactory.WideFrom) { ParallelSearch = false },
            _ => IndexFactory.Create(kind),
        };
        if (index is null)
        {
            // This run lacks the kernel's instructions (DOTNET_EnableAVX2=0 or DOTNET_EnableHWIntrinsic=0).
            FlatScanner.IsSupported(IndexFactory.KernelOf(kind)!.Value).ShouldBeFalse();
            return;
        }

        PdqHash[] stored = TestHashes.Clustered(20_000, 40, seed: 23);
        index.AddRange(stored, Enumerable.Range(0, stored.Length).Select(i => (long)i).ToArray());
        PdqHash[] queries = TestHashes.QueriesNear(stored, 31, 64, seed: 24);
        var results = new List<HammingMatch>(1_024);
        int matches = 0;
        long fewest = long.MaxValue;
        for (int pass = 0; pass < 4; pass++)
        {
            // When: single queries and eight-query batches.
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < queries.Length; i++)
            {
                index.Search(queries.AsSpan(i, 1), 31, results);
                matches += results.Count;
            }

            for (int i = 0; i + 8 <= queries.Length; i += 8)
            {
                index.Search(queries.AsSpan(i, 8), 31, results);
                matches += results.Count;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (pass > 0)
            {
                fewest = Math.Min(fewest, allocated);
            }
        }

        // Then: once every buffer has grown, a whole pass allocates nothing. (The fewest of three passes: under heavy
        // load one pass once showed 7,920 bytes the runtime allocated on this thread; an allocation per search or per
        // batch shows in every pass.)
        fewest.ShouldBe(0);
        matches.ShouldBeGreaterThan(0);
    }
}
