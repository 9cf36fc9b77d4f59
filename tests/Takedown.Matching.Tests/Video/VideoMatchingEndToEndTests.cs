using System.Globalization;
using Takedown.Hashing.Video;
using Takedown.Matching.Video;
using Takedown.Tests.Shared;

namespace Takedown.Matching.Tests.Video;

/// <summary>Hashes computed here (FFmpeg + PDQ) give the reference's match table, through the bank and brute force.</summary>
public sealed class VideoMatchingEndToEndTests(ComputedSampleHashes computed) : IClassFixture<ComputedSampleHashes>
{
    private const double Tolerance = 2.0;

    [Theory]
    [InlineData(VideoMatchSemantics.ThreatExchange)]
    [InlineData(VideoMatchSemantics.Reference)]
    public void Search_ComputedHashes_EveryPairWithinTwoPointsOfReferenceTable(VideoMatchSemantics semantics)
    {
        // Given a bank of every sample's computed hashes
        var options = new VideoMatchOptions { Semantics = semantics };
        IReadOnlyList<string> samples = VpdqReferenceData.Samples;
        using var bank = new VideoIndex(options);
        for (int i = 0; i < samples.Count; i++)
        {
            bank.Add(i, computed.Hashes[samples[i]]);
        }

        double worst = 0;
        foreach (MatchTableRow row in VpdqReferenceData.MatchTable())
        {
            // When each sample is searched
            Dictionary<long, VideoMatchResult> found =
                bank.Search(computed.Hashes[row.Query]).ToDictionary(m => m.VideoId, m => m.Result);
            found.TryGetValue(IndexOf(row.Target), out VideoMatchResult result);

            // Then its percentages against every other sample are within 2 points of the table
            (double query, double compared) = semantics == VideoMatchSemantics.Reference
                ? (row.CppQueryPercent, row.CppTargetPercent)
                : (row.PyQueryPercent, row.PyComparedPercent);
            string pair = $"{row.Query} vs {row.Target}";
            result.QueryMatchPercent.ShouldBe(query, Tolerance, pair);
            result.ComparedMatchPercent.ShouldBe(compared, Tolerance, pair);
            worst = Math.Max(worst, Math.Max(Math.Abs(result.QueryMatchPercent - query), Math.Abs(result.ComparedMatchPercent - compared)));

            // And the brute-force matcher agrees with the bank
            VideoMatchResult brute = VideoBruteMatcher.Match(computed.Hashes[row.Query], computed.Hashes[row.Target], options);
            brute.QueryMatchPercent.ShouldBe(result.QueryMatchPercent, 1e-9, pair);
            brute.ComparedMatchPercent.ShouldBe(result.ComparedMatchPercent, 1e-9, pair);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"{semantics}: largest difference from the reference table {worst:F2} points"));

        static int IndexOf(string name) => VpdqReferenceData.Samples.ToList().IndexOf(name);
    }

    [Fact]
    public void Search_ChairSdOriginalAgainstCopies_IsMatchAtDefaultThresholds()
    {
        // Given the bank of all samples, under python-threatexchange semantics
        using var bank = new VideoIndex();
        for (int i = 0; i < VpdqReferenceData.Samples.Count; i++)
        {
            bank.Add(i, computed.Hashes[VpdqReferenceData.Samples[i]]);
        }

        // When the 19-second cut of the chair video is the query
        List<VideoIndexMatch> matches = bank.Search(computed.Hashes["chair-19-sd-bar"]);

        // Then it matches itself and the 22-second original and sepia versions, and not the unrelated videos
        List<string> names = [.. matches.Where(m => m.Result.IsMatch).Select(m => VpdqReferenceData.Samples[(int)m.VideoId]).Order()];
        names.ShouldBe(["chair-19-sd-bar", "chair-22-sd-sepia-bar", "chair-orig-22-sd-bar"]);
    }
}
