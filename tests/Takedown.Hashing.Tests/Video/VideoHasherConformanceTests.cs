using System.Globalization;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Tests.Shared;

namespace Takedown.Hashing.Tests.Video;

/// <summary>vPDQ of the shipped sample videos against Meta's reference output (<c>reference/vpdq/hashes</c>).</summary>
public sealed class VideoHasherConformanceTests(SampleVideoHashes samples) : IClassFixture<SampleVideoHashes>
{
    public static TheoryData<string> Samples => [.. VpdqReferenceData.Samples];

    [Theory]
    [MemberData(nameof(Samples))]
    public void HashAsync_SampleVideo_FrameNumbersAndTimestampsEqualReference(string name)
    {
        // Given
        List<VideoFrameHash> reference = VpdqReferenceData.ReadHashes(name);

        // When
        IReadOnlyList<VideoFrameHash> frames = samples.Results[name].Frames;

        // Then: the same frames, numbered and timed identically (as printed with %.3f)
        frames.Count.ShouldBe(reference.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            frames[i].FrameNumber.ShouldBe(reference[i].FrameNumber);
            VpdqFormat.FormatTimestamp(frames[i].Timestamp).ShouldBe(VpdqFormat.FormatTimestamp(reference[i].Timestamp));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void HashAsync_SampleVideo_EveryGoodFrameWithinDistance31OfReference(string name)
    {
        // Given
        List<VideoFrameHash> reference = VpdqReferenceData.ReadHashes(name);
        IReadOnlyList<VideoFrameHash> frames = samples.Results[name].Frames;
        frames.Count.ShouldBe(reference.Count);

        // When
        int compared = 0, exact = 0, worst = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            if (reference[i].Quality < 50)
            {
                continue;
            }

            int distance = PdqHash.Distance(frames[i].Hash, reference[i].Hash);
            compared++;
            exact += distance == 0 ? 1 : 0;
            worst = Math.Max(worst, distance);
            distance.ShouldBeLessThan(31, $"{name} frame {frames[i].FrameNumber}");
        }

        // Then (the figures are recorded in bench/results/video.md)
        compared.ShouldBeGreaterThan(0);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {compared} frames at quality >= 50, {exact} bit-exact ({100.0 * exact / compared:F1}%), worst distance {worst}"));
    }

    [Fact]
    public void HashAsync_AllSamples_ReportsOverallAgreement()
    {
        int compared = 0, exact = 0, worst = 0, qualityOff = 0;
        long distanceSum = 0;
        foreach (string name in VpdqReferenceData.Samples)
        {
            List<VideoFrameHash> reference = VpdqReferenceData.ReadHashes(name);
            IReadOnlyList<VideoFrameHash> frames = samples.Results[name].Frames;
            frames.Count.ShouldBe(reference.Count);
            for (int i = 0; i < frames.Count; i++)
            {
                qualityOff += Math.Abs(frames[i].Quality - reference[i].Quality) > 5 ? 1 : 0;
                if (reference[i].Quality >= 50)
                {
                    int distance = PdqHash.Distance(frames[i].Hash, reference[i].Hash);
                    compared++;
                    exact += distance == 0 ? 1 : 0;
                    distanceSum += distance;
                    worst = Math.Max(worst, distance);
                }
            }
        }

        string summary = string.Create(
            CultureInfo.InvariantCulture,
            $"all samples: {compared} frames at quality >= 50, {exact} bit-exact ({100.0 * exact / compared:F1}%), " +
            $"mean distance {(double)distanceSum / compared:F2}, worst {worst}; frames with quality off by more than 5: {qualityOff}");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);
        worst.ShouldBeLessThan(31);
        qualityOff.ShouldBe(0);
    }
}
