using System.Numerics;
using Takedown.Hashing.Pdq;
using Takedown.Matching.MultiIndex;
using Takedown.Matching.Storage;
using Takedown.Matching.Tests.Support;

namespace Takedown.Matching.Tests;

/// <summary>The wide multi-index layout (11 slots of 23 bits) used for segments of 2^23 entries or more.</summary>
public sealed class MultiIndexWideTests
{
    [Fact]
    public void Key_EachIndexedBit_LandsInExactlyOneSlot()
    {
        // Given: every single-bit hash.
        Span<ulong> words = stackalloc ulong[4];
        for (int bit = 0; bit < 256; bit++)
        {
            words.Clear();
            words[bit >> 6] = 1UL << (bit & 63);

            // When
            int slotsSet = 0;
            for (int slot = 0; slot < WideSlots.Count; slot++)
            {
                int key = WideSlots.Key(words, slot);
                if (key != 0)
                {
                    slotsSet++;

                    // Then: bit 23t + j is bit j of slot t.
                    key.ShouldBe(1 << (bit - (WideSlots.Bits * slot)), $"bit {bit}");
                }
            }

            // Then: bits 0..252 are indexed once, the top three not at all.
            slotsSet.ShouldBe(bit < WideSlots.Bits * WideSlots.Count ? 1 : 0, $"bit {bit}");
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 24)]
    [InlineData(2, 277)]
    [InlineData(3, 2_048)]
    public void Masks_UpToFlips_AreEveryDistinctMaskWithThatManyBits(int flips, int expected)
    {
        // When
        int[] masks = WideSlots.Masks(flips).ToArray();

        // Then
        masks.Length.ShouldBe(expected);
        masks.Distinct().Count().ShouldBe(expected);
        masks.ShouldAllBe(m => BitOperations.PopCount((uint)m) <= flips && m < WideSlots.Buckets);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(22)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(43)]
    [InlineData(44)]
    public void Search_EightQueriesOverWideAndNarrowSegmentsAndDelta_EqualsBruteForce(int radius)
    {
        // Given: a wide segment (the first bulk load), narrow ones (later, smaller loads) and a non-empty delta.
        var index = new MultiIndexHammingIndex(new HashStore(), minDeltaToFreeze: 1_000, wideMinEntries: 6_000);
        var reference = new BruteForce();
        PdqHash[] pool = TestHashes.Clustered(12_700, 60, seed: 31);
        int next = 0;
        foreach (int batch in new[] { 8_000, 3_000, 1_200 })
        {
            index.AddRange(pool.AsSpan(next, batch), Enumerable.Range(next, batch).Select(i => (long)i).ToArray());
            next += batch;
        }

        for (; next < pool.Length; next++)
        {
            index.Add(pool[next], next);
        }

        for (int i = 0; i < next; i++)
        {
            reference.Add(pool[i], i);
        }

        index.WideSegmentCount.ShouldBe(1);
        index.SegmentCount.ShouldBeGreaterThan(1);
        index.DeltaCount.ShouldBeGreaterThan(0);
        var random = new Random(32 + radius);
        var results = new List<HammingMatch>();
        int found = 0;
        for (int round = 0; round < 25; round++)
        {
            // When: single queries and eight-query batches near entries of every part.
            var queries = new PdqHash[round % 2 == 0 ? 8 : 1];
            for (int k = 0; k < queries.Length; k++)
            {
                queries[k] = TestHashes.Flip(pool[random.Next(next)], random.Next(0, radius + 2), random);
            }

            index.Search(queries, radius, results);

            // Then
            results.ShouldBe(reference.Search(queries, radius), $"round {round}");
            found += results.Count;
        }

        found.ShouldBeGreaterThan(12);
    }

    [Fact]
    public void Remove_FromWideSegment_FindsTheEntryAndHidesIt()
    {
        // Given
        var index = new MultiIndexHammingIndex(new HashStore(), minDeltaToFreeze: 1_000, wideMinEntries: 1_000);
        PdqHash[] stored = TestHashes.Uniform(5_000, seed: 33);
        index.AddRange(stored, Enumerable.Range(0, stored.Length).Select(i => (long)i).ToArray());
        index.WideSegmentCount.ShouldBe(1);

        // When
        bool removed = index.Remove(stored[1_234], 1_234);
        bool again = index.Remove(stored[1_234], 1_234);

        // Then
        removed.ShouldBeTrue();
        again.ShouldBeFalse();
        var results = new List<HammingMatch>();
        index.Search([stored[1_234]], 31, results);
        results.ShouldNotContain(m => m.Id == 1_234);
        index.Search([stored[1_235]], 0, results);
        results.ShouldBe([new HammingMatch(1_235, 0, 0)]);
    }

    [Fact]
    public void Build_BlockOverSixteenBitOffsets_FallsBackToNarrowLayoutAndStaysExact()
    {
        // Given: 70,000 copies of one hash, more than a 256-bucket block's 16-bit offsets address.
        var random = new Random(34);
        PdqHash copy = TestHashes.Random(random);
        PdqHash[] stored = [.. Enumerable.Repeat(copy, 70_000), .. TestHashes.Uniform(1_000, seed: 35)];
        var index = new MultiIndexHammingIndex(new HashStore(), wideMinEntries: 1_000);

        // When
        index.AddRange(stored, Enumerable.Range(0, stored.Length).Select(i => (long)i).ToArray());

        // Then: the segment is narrow, and searches still return every copy.
        index.SegmentCount.ShouldBe(1);
        index.WideSegmentCount.ShouldBe(0);
        var results = new List<HammingMatch>();
        index.Search([TestHashes.Flip(copy, 3, random)], 31, results);
        results.Count.ShouldBe(70_000);
        results.ShouldAllBe(m => m.Distance == 3);
        index.Search([stored[70_500]], 0, results);
        results.ShouldBe([new HammingMatch(70_500, 0, 0)]);
    }
}
