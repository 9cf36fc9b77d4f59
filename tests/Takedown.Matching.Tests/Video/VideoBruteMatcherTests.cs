using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Matching.Video;
using Takedown.Tests.Shared;

namespace Takedown.Matching.Tests.Video;

public sealed class VideoBruteMatcherTests
{
    private static readonly VideoMatchOptions s_reference = new() { Semantics = VideoMatchSemantics.Reference };

    [Fact]
    public void Match_ReferenceHashFiles_ReproducesMatchTableUnderBothSemantics()
    {
        // Given every ordered pair of shipped samples with reference hashes
        List<MatchTableRow> table = VpdqReferenceData.MatchTable();
        table.Count.ShouldBe(VpdqReferenceData.Samples.Count * (VpdqReferenceData.Samples.Count - 1));
        var hashes = VpdqReferenceData.Samples.ToDictionary(s => s, VpdqReferenceData.ReadHashes);

        foreach (MatchTableRow row in table)
        {
            // When
            VideoMatchResult py = VideoBruteMatcher.Match(hashes[row.Query], hashes[row.Target]);
            VideoMatchResult cpp = VideoBruteMatcher.Match(hashes[row.Query], hashes[row.Target], s_reference);

            // Then: equal to the table's two printed decimals
            string pair = $"{row.Query} vs {row.Target}";
            py.QueryMatchPercent.ShouldBe(row.PyQueryPercent, 0.005 + 1e-9, pair);
            py.ComparedMatchPercent.ShouldBe(row.PyComparedPercent, 0.005 + 1e-9, pair);
            cpp.QueryMatchPercent.ShouldBe(row.CppQueryPercent, 0.005 + 1e-9, pair);
            cpp.ComparedMatchPercent.ShouldBe(row.CppTargetPercent, 0.005 + 1e-9, pair);
        }
    }

    [Fact]
    public void Match_DistanceExactly31_MatchesOnlyUnderThreatExchangeSemantics()
    {
        // Given two one-frame videos whose hashes differ in exactly 31 bits
        PdqHash a = PdqHash.Zero;
        PdqHash b = new(0x7FFF_FFFFUL, 0, 0, 0);
        PdqHash.Distance(a, b).ShouldBe(31);
        VideoFrameHash[] query = [new(0, 100, a, 0f)];
        VideoFrameHash[] compared = [new(0, 100, b, 0f)];

        // When
        VideoMatchResult py = VideoBruteMatcher.Match(query, compared);
        VideoMatchResult cpp = VideoBruteMatcher.Match(query, compared, s_reference);

        // Then
        py.QueryMatchPercent.ShouldBe(100);
        py.IsMatch.ShouldBeTrue();
        cpp.QueryMatchPercent.ShouldBe(0);
        cpp.IsMatch.ShouldBeFalse();
    }

    [Fact]
    public void Match_DuplicateFrames_CountOnceUnderThreatExchangeAndEachUnderReference()
    {
        // Given a query of three identical frames and one other frame; the compared video has only the repeated one
        PdqHash repeated = Hash(1);
        PdqHash other = Hash(1001);
        VideoFrameHash[] query = [F(0, repeated), F(1, repeated), F(2, repeated), F(3, other)];
        VideoFrameHash[] compared = [F(0, repeated)];

        // When
        VideoMatchResult py = VideoBruteMatcher.Match(query, compared);
        VideoMatchResult cpp = VideoBruteMatcher.Match(query, compared, s_reference);

        // Then: 1 of 2 unique frames vs 3 of 4 frames
        py.QueryFrames.ShouldBe(2);
        py.QueryMatchPercent.ShouldBe(50);
        cpp.QueryFrames.ShouldBe(4);
        cpp.QueryMatchPercent.ShouldBe(75);
        py.ComparedMatchPercent.ShouldBe(100);
        cpp.ComparedMatchPercent.ShouldBe(100);
    }

    [Fact]
    public void Match_DuplicateFirstSeenAtLowQuality_IsDroppedBecauseDedupeComesFirst()
    {
        // Given a hash first seen at quality 10, then again at 90 (python-threatexchange: quality_filter(dedupe(x)))
        PdqHash h = Hash(7);
        VideoFrameHash[] query = [new(0, 10, h, 0f), new(1, 90, h, 0.033f), F(2, Hash(1007))];
        VideoFrameHash[] compared = [F(0, h)];

        // When
        VideoMatchResult py = VideoBruteMatcher.Match(query, compared);

        // Then: only the unrelated frame survives, so nothing of the query matches
        py.QueryFrames.ShouldBe(1);
        py.QueryMatchedFrames.ShouldBe(0);
        py.ComparedMatchedFrames.ShouldBe(0);
    }

    [Fact]
    public void Match_NoFrameAboveQuality_GivesZeroAndNoMatch()
    {
        // Given a query whose every frame is below quality 50
        VideoFrameHash[] query = [new(0, 49, Hash(3), 0f)];
        VideoFrameHash[] compared = [F(0, Hash(3))];

        // When
        VideoMatchResult result = VideoBruteMatcher.Match(query, compared);

        // Then
        result.QueryFrames.ShouldBe(0);
        result.QueryMatchPercent.ShouldBe(0);
        result.IsMatch.ShouldBeFalse();
    }

    [Theory]
    [InlineData(79.9, 100, false)]
    [InlineData(80, 0.1, true)]
    [InlineData(100, 0, true)]
    public void IsMatch_DefaultThresholds_NeedsQueryAtLeast80Percent(double query, double compared, bool expected)
    {
        VideoMatchOptions.Default.IsMatch(query, compared).ShouldBe(expected);
    }

    [Fact]
    public void Options_Default_IsThreatExchangeSemantics()
    {
        VideoMatchOptions options = VideoMatchOptions.Default;
        options.Semantics.ShouldBe(VideoMatchSemantics.ThreatExchange);
        options.QualityThreshold.ShouldBe(50);
        options.MaxFrameDistance.ShouldBe(31);
        s_reference.MaxFrameDistance.ShouldBe(30);
    }

    internal static VideoFrameHash F(int frame, PdqHash hash) => new(frame, 100, hash, frame / 30f);

    /// <summary>A deterministic pseudo-random hash; distinct seeds are far apart.</summary>
    internal static PdqHash Hash(int seed)
    {
        var random = new Random(seed);
        return new PdqHash((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
    }
}
