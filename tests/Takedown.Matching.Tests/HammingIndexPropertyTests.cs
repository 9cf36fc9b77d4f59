using Takedown.Hashing.Pdq;
using Takedown.Matching.Flat;
using Takedown.Matching.Storage;
using Takedown.Matching.Tests.Support;

namespace Takedown.Matching.Tests;

/// <summary>Every strategy must return exactly what a brute-force scan returns, for every query.</summary>
public sealed class HammingIndexPropertyTests
{
    private const int Entries = 20_000;

    public static TheoryData<IndexKind, bool, int> Cases()
    {
        var data = new TheoryData<IndexKind, bool, int>();
        foreach (IndexKind kind in IndexFactory.All)
        {
            foreach (bool clustered in new[] { false, true })
            {
                foreach (int radius in new[] { 0, 1, 16, 31, 32, 63 })
                {
                    data.Add(kind, clustered, radius);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_AnyStrategy_EqualsBruteForce(IndexKind kind, bool clustered, int radius)
    {
        // Given
        if (!TryCreate(kind, out IHammingIndex index))
        {
            return;
        }

        PdqHash[] stored = clustered ? TestHashes.Clustered(Entries, 40, seed: 1) : TestHashes.Uniform(Entries, seed: 2);
        var reference = new BruteForce();
        long[] ids = Enumerable.Range(0, Entries).Select(i => 1000L + i).ToArray();
        index.AddRange(stored, ids);
        for (int i = 0; i < Entries; i++)
        {
            reference.Add(stored[i], ids[i]);
        }

        var results = new List<HammingMatch>();
        int found = 0;

        // When / Then
        foreach (PdqHash query in TestHashes.QueriesNear(stored, radius, 60, seed: radius))
        {
            index.Search([query], radius, results);
            List<HammingMatch> expected = reference.Search([query], radius);
            results.ShouldBe(expected, $"{kind} radius {radius} query {query}");
            found += results.Count;
        }

        found.ShouldBeGreaterThan(0, "the queries include stored hashes, so something must match");
    }

    [Theory]
    [InlineData(IndexKind.FlatScalar)]
    [InlineData(IndexKind.FlatVector128)]
    [InlineData(IndexKind.FlatVector256)]
    [InlineData(IndexKind.MultiIndex)]
    [InlineData(IndexKind.MultiIndexWide)]
    public void Search_RadiusAboveMultiIndexLimit_EqualsBruteForce(IndexKind kind)
    {
        // Given: a clustered set, where radii of 64..128 still separate families.
        if (!TryCreate(kind, out IHammingIndex index))
        {
            return;
        }

        PdqHash[] stored = TestHashes.Clustered(5_000, 25, seed: 3);
        var reference = new BruteForce();
        for (int i = 0; i < stored.Length; i++)
        {
            index.Add(stored[i], i);
            reference.Add(stored[i], i);
        }

        var results = new List<HammingMatch>();
        foreach (int radius in new[] { 64, 90, 128, 256 })
        {
            foreach (PdqHash query in TestHashes.QueriesNear(stored, radius, 10, seed: radius))
            {
                // When
                index.Search([query], radius, results);

                // Then
                results.ShouldBe(reference.Search([query], radius));
            }
        }
    }

    [Theory]
    [MemberData(nameof(DihedralCases))]
    public void Search_EightQueries_EqualsUnionOfSingleQueriesWithMinDistance(IndexKind kind, int radius)
    {
        // Given
        if (!TryCreate(kind, out IHammingIndex index))
        {
            return;
        }

        PdqHash[] stored = TestHashes.Clustered(Entries, 20, seed: 4);
        var random = new Random(5);
        index.AddRange(stored, Enumerable.Range(0, Entries).Select(i => (long)i).ToArray());
        var reference = new BruteForce();
        for (int i = 0; i < Entries; i++)
        {
            reference.Add(stored[i], i);
        }

        var batch = new List<HammingMatch>();
        var single = new List<HammingMatch>();
        for (int round = 0; round < 12; round++)
        {
            // Eight queries, several near the same family, so an id is reached by more than one query.
            var queries = new PdqHash[8];
            PdqHash centre = stored[random.Next(stored.Length)];
            for (int k = 0; k < 8; k++)
            {
                queries[k] = k % 3 == 2 ? TestHashes.Random(random) : TestHashes.Flip(centre, random.Next(0, radius + 2), random);
            }

            // When
            index.Search(queries, radius, batch);

            // Then: the batch is the union of the eight single searches, each id at its smallest distance
            // (lowest query index on ties), and equals brute force.
            var union = new Dictionary<long, HammingMatch>();
            for (int k = 0; k < 8; k++)
            {
                index.Search(queries.AsSpan(k, 1), radius, single);
                foreach (HammingMatch m in single)
                {
                    if (!union.TryGetValue(m.Id, out HammingMatch seen) || m.Distance < seen.Distance)
                    {
                        union[m.Id] = m with { QueryIndex = k };
                    }
                }
            }

            batch.ShouldBe([.. union.Values.OrderBy(m => m.Distance).ThenBy(m => m.Id)]);
            batch.ShouldBe(reference.Search(queries, radius));
            batch.ShouldNotBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(DihedralCases))]
    public void Search_TwoToSevenQueriesOnOddSizedIndex_EqualsBruteForce(IndexKind kind, int radius)
    {
        // Given: a size that leaves a tail after the kernels' 4- and 8-entry steps, and near copies at every offset.
        if (!TryCreate(kind, out IHammingIndex index))
        {
            return;
        }

        const int count = 4_099;
        PdqHash[] stored = TestHashes.Clustered(count, 200, seed: 8);
        index.AddRange(stored, Enumerable.Range(0, count).Select(i => (long)i).ToArray());
        var reference = new BruteForce();
        for (int i = 0; i < count; i++)
        {
            reference.Add(stored[i], i);
        }

        var random = new Random(9);
        var results = new List<HammingMatch>();
        for (int queries = 2; queries <= 7; queries++)
        {
            var batch = new PdqHash[queries];
            for (int k = 0; k < queries; k++)
            {
                batch[k] = TestHashes.Flip(stored[random.Next(count - 16, count)], random.Next(0, radius + 2), random);
            }

            // When
            index.Search(batch, radius, results);

            // Then
            results.ShouldBe(reference.Search(batch, radius), $"{queries} queries");
            results.ShouldNotBeEmpty();
        }
    }

    public static TheoryData<IndexKind, int> DihedralCases()
    {
        var data = new TheoryData<IndexKind, int>();
        foreach (IndexKind kind in IndexFactory.All)
        {
            data.Add(kind, 31);
            data.Add(kind, 63);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DihedralCases))]
    public void Search_AfterInterleavedAddsAndRemoves_EqualsBruteForce(IndexKind kind, int radius)
    {
        // Given: small freeze and rebuild thresholds so the multi-index freezes, merges and rebuilds many times.
        if (!TryCreate(kind, out IHammingIndex index, multiIndexFreeze: 1_500, multiIndexRebuild: 1_000))
        {
            return;
        }

        PdqHash[] pool = TestHashes.Clustered(30_000, 30, seed: 6);
        var random = new Random(7);
        var reference = new BruteForce();
        var results = new List<HammingMatch>();
        int next = 0;
        for (int round = 0; round < 15; round++)
        {
            // When: a batch of adds (one at a time and as a range), then removals of random live entries.
            int adds = random.Next(500, 2_500);
            var batchHashes = new List<PdqHash>();
            var batchIds = new List<long>();
            for (int a = 0; a < adds && next < pool.Length; a++, next++)
            {
                if (a % 2 == 0)
                {
                    index.Add(pool[next], next);
                    reference.Add(pool[next], next);
                }
                else
                {
                    batchHashes.Add(pool[next]);
                    batchIds.Add(next);
                    reference.Add(pool[next], next);
                }
            }

            index.AddRange(batchHashes.ToArray(), batchIds.ToArray());
            int removes = random.Next(100, 1_200);
            for (int r = 0; r < removes && reference.Count > 0; r++)
            {
                (PdqHash hash, long id) = reference[random.Next(reference.Count)];
                index.Remove(hash, id).ShouldBeTrue();
                reference.Remove(hash, id);
            }

            index.Remove(TestHashes.Random(random), 12345).ShouldBeFalse();

            // Then
            index.Count.ShouldBe(reference.Count);
            PdqHash[] live = Enumerable.Range(0, reference.Count).Select(i => reference[i].Hash).ToArray();
            foreach (PdqHash query in TestHashes.QueriesNear(live, radius, 15, seed: round))
            {
                index.Search([query], radius, results);
                results.ShouldBe(reference.Search([query], radius), $"round {round}");
            }
        }
    }

    [Theory]
    [InlineData(IndexKind.FlatScalar)]
    [InlineData(IndexKind.FlatVector256)]
    [InlineData(IndexKind.MultiIndex)]
    public void Search_LargeIndexOnAllCores_EqualsBruteForce(IndexKind kind)
    {
        // Given: enough entries for the parallel scan and parallel candidate verification.
        if (!TryCreate(kind, out IHammingIndex index))
        {
            return;
        }

        const int count = 5 * HashStore.ChunkSize;
        PdqHash[] stored = TestHashes.Uniform(count, seed: 8);
        index.AddRange(stored, Enumerable.Range(0, count).Select(i => (long)i).ToArray());
        var random = new Random(9);
        var results = new List<HammingMatch>();
        for (int q = 0; q < 6; q++)
        {
            int target = random.Next(count);
            PdqHash query = TestHashes.Flip(stored[target], 31, random);

            // When
            index.Search([query], 63, results);

            // Then: 63 bits probes 3 flips per slot, so the multi-index verifies many candidates on both cores.
            var expected = new List<HammingMatch>();
            for (int i = 0; i < count; i++)
            {
                int d = PdqHash.Distance(stored[i], query);
                if (d <= 63)
                {
                    expected.Add(new HammingMatch(i, d, 0));
                }
            }

            results.ShouldBe([.. expected.OrderBy(m => m.Distance).ThenBy(m => m.Id)]);
            results.ShouldContain(new HammingMatch(target, 31, 0));
        }
    }

    [Theory]
    [InlineData(HammingIndexStrategy.Flat)]
    [InlineData(HammingIndexStrategy.MultiIndex)]
    public void Search_ParallelSearchOff_EqualsParallelSearch(HammingIndexStrategy strategy)
    {
        // Given: a store large enough that a search would borrow a second core, once with and once without.
        const int count = 5 * HashStore.ChunkSize;
        PdqHash[] stored = TestHashes.Uniform(count, seed: 11);
        long[] ids = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        using var single = new HammingIndex(new HammingIndexOptions { Strategy = strategy, ParallelSearch = false });
        using var both = new HammingIndex(new HammingIndexOptions { Strategy = strategy });
        single.AddRange(stored, ids);
        both.AddRange(stored, ids);
        var random = new Random(12);
        PdqHash[] queries = Enumerable.Range(0, 8).Select(_ => TestHashes.Flip(stored[random.Next(count)], 20, random)).ToArray();
        var expected = new List<HammingMatch>();
        var actual = new List<HammingMatch>();

        // When: eight queries at radius 63 (many candidates for the multi-index).
        both.Search(queries, 63, expected);
        single.Search(queries, 63, actual);

        // Then
        expected.Count.ShouldBeGreaterThanOrEqualTo(8);
        actual.ShouldBe(expected);
    }

    [Fact]
    public void Search_DuplicateIds_ReturnsEachIdOnceAtItsBestDistance()
    {
        // Given: two hashes under one id (a bank entry with several hashes).
        var random = new Random(10);
        PdqHash a = TestHashes.Random(random);
        foreach (IndexKind kind in IndexFactory.All)
        {
            if (!TryCreate(kind, out IHammingIndex index))
            {
                continue;
            }

            index.Add(a, 7);
            index.Add(TestHashes.Flip(a, 5, random), 7);
            index.Add(TestHashes.Flip(a, 9, random), 8);

            // When
            var results = new List<HammingMatch>();
            index.Search([TestHashes.Flip(a, 0, random)], 31, results);

            // Then
            results.ShouldBe([new HammingMatch(7, 0, 0), new HammingMatch(8, 9, 0)], kind.ToString());
        }
    }

    private static bool TryCreate(IndexKind kind, out IHammingIndex index, int multiIndexFreeze = 1 << 16, int multiIndexRebuild = 1 << 16)
    {
        IHammingIndex? created = IndexFactory.Create(kind, multiIndexFreeze, multiIndexRebuild);
        if (created is null)
        {
            // This run has the instructions switched off (eng/test.sh reruns with DOTNET_EnableAVX2=0 and
            // DOTNET_EnableHWIntrinsic=0): asking for the kernel must fail loudly rather than silently scan scalar.
            ScanKernel kernel = IndexFactory.KernelOf(kind)!.Value;
            Should.Throw<PlatformNotSupportedException>(() => new FlatHammingIndex(new HashStore(), kernel));
            index = null!;
            return false;
        }

        index = created;
        return true;
    }
}
