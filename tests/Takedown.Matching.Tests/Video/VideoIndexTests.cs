using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Matching.Video;
using Takedown.Tests.Shared;
using static Takedown.Matching.Tests.Video.VideoBruteMatcherTests;

namespace Takedown.Matching.Tests.Video;

public sealed class VideoIndexTests
{
    [Theory]
    [InlineData(VideoMatchSemantics.ThreatExchange, HammingIndexStrategy.Flat)]
    [InlineData(VideoMatchSemantics.ThreatExchange, HammingIndexStrategy.MultiIndex)]
    [InlineData(VideoMatchSemantics.Reference, HammingIndexStrategy.Flat)]
    [InlineData(VideoMatchSemantics.Reference, HammingIndexStrategy.MultiIndex)]
    public void Search_ReferenceSamples_EqualsBruteForceForEveryPair(VideoMatchSemantics semantics, HammingIndexStrategy strategy)
    {
        // Given a bank of every sample's reference hashes
        var options = new VideoMatchOptions { Semantics = semantics };
        var hashes = VpdqReferenceData.Samples.ToDictionary(s => s, VpdqReferenceData.ReadHashes);
        using var hamming = new HammingIndex(new HammingIndexOptions { Strategy = strategy });
        using var bank = new VideoIndex(options, hamming);
        for (int i = 0; i < VpdqReferenceData.Samples.Count; i++)
        {
            bank.Add(i, hashes[VpdqReferenceData.Samples[i]]);
        }

        foreach (string query in VpdqReferenceData.Samples)
        {
            // When
            Dictionary<long, VideoMatchResult> found = bank.Search(hashes[query]).ToDictionary(m => m.VideoId, m => m.Result);

            // Then: every video the brute-force matcher finds any overlap with is reported with the same figures
            for (int i = 0; i < VpdqReferenceData.Samples.Count; i++)
            {
                VideoMatchResult brute = VideoBruteMatcher.Match(hashes[query], hashes[VpdqReferenceData.Samples[i]], options);
                string pair = $"{query} vs {VpdqReferenceData.Samples[i]}";
                if (brute.QueryMatchedFrames == 0)
                {
                    found.ContainsKey(i).ShouldBeFalse(pair);
                    continue;
                }

                found.ShouldContainKey(i, pair);
                found[i].ShouldBe(brute, pair);
            }
        }
    }

    [Fact]
    public void Search_SharedFrameHashes_AreOneIndexEntryEach()
    {
        // Given two videos sharing one frame hash
        using var bank = new VideoIndex();
        bank.Add(1, [F(0, Hash(1)), F(1, Hash(2))]);
        bank.Add(2, [F(0, Hash(2)), F(1, Hash(3)), F(2, Hash(3))]);

        // Then
        bank.VideoCount.ShouldBe(2);
        bank.UniqueFrameCount.ShouldBe(3);
    }

    [Fact]
    public void Search_QueryOfHalfAVideo_ReportsPercentagesAndThresholds()
    {
        // Given a bank video of four distinct frames
        using var bank = new VideoIndex();
        bank.Add(42, [F(0, Hash(1)), F(1, Hash(2)), F(2, Hash(3)), F(3, Hash(4))]);

        // When the query has two of them (one with a few bits changed) and nothing else
        PdqHash nearTwo = new(Hash(2).Word0 ^ 0xFF, Hash(2).Word1, Hash(2).Word2, Hash(2).Word3);
        List<VideoIndexMatch> matches = bank.Search([F(0, Hash(1)), F(1, nearTwo)]);

        // Then: all of the query matched, half of the indexed video
        VideoIndexMatch match = matches.ShouldHaveSingleItem();
        match.VideoId.ShouldBe(42);
        match.Result.QueryMatchPercent.ShouldBe(100);
        match.Result.ComparedMatchPercent.ShouldBe(50);
        match.Result.IsMatch.ShouldBeTrue();
    }

    [Fact]
    public void Search_LowQualityIndexFrames_AreNotIndexed()
    {
        // Given a video whose only copy of a hash has quality 49
        using var bank = new VideoIndex();
        bank.Add(1, [new VideoFrameHash(0, 49, Hash(5), 0f), F(1, Hash(6))]);

        // When / Then
        bank.UniqueFrameCount.ShouldBe(1);
        bank.Search([F(0, Hash(5))]).ShouldBeEmpty();
    }

    [Fact]
    public void Search_FilterThenDedupe_KeepsHashWhoseFirstCopyIsLowQuality()
    {
        // Given the python-threatexchange index order, dedupe(quality_filter(x)), a later good copy counts
        PdqHash h = Hash(9);
        using var bank = new VideoIndex();
        bank.Add(1, [new VideoFrameHash(0, 10, h, 0f), new VideoFrameHash(1, 90, h, 0.033f)]);

        // When
        List<VideoIndexMatch> matches = bank.Search([F(0, h)]);

        // Then
        matches.ShouldHaveSingleItem().Result.ComparedMatchPercent.ShouldBe(100);
    }

    [Fact]
    public void Remove_Video_DropsItsUnsharedFramesOnly()
    {
        // Given two videos sharing a frame
        using var bank = new VideoIndex();
        bank.Add(1, [F(0, Hash(1)), F(1, Hash(2))]);
        bank.Add(2, [F(0, Hash(2)), F(1, Hash(3))]);

        // When
        bank.Remove(1).ShouldBeTrue();
        bank.Remove(1).ShouldBeFalse();

        // Then
        bank.Contains(1).ShouldBeFalse();
        bank.UniqueFrameCount.ShouldBe(2);
        bank.Search([F(0, Hash(1))]).ShouldBeEmpty();
        bank.Search([F(0, Hash(2))]).ShouldHaveSingleItem().VideoId.ShouldBe(2);

        // And a freed entry id is reused without confusion
        bank.Add(3, [F(0, Hash(4))]);
        bank.Search([F(0, Hash(4))]).ShouldHaveSingleItem().VideoId.ShouldBe(3);
    }

    [Fact]
    public void Add_SameVideoIdTwice_Throws()
    {
        using var bank = new VideoIndex();
        bank.Add(1, [F(0, Hash(1))]);
        Should.Throw<ArgumentException>(() => bank.Add(1, [F(0, Hash(2))]));
    }
}
