using Takedown.Hashing.Video;

namespace Takedown.Hashing.Tests.Video;

public sealed class VpdqSamplingTests
{
    [Theory]
    [InlineData(0.0, 30.0, 1)]
    [InlineData(1.0, 30.0, 30)]
    [InlineData(1.0, 29.97, 29)]
    [InlineData(0.5, 25.0, 12)]
    [InlineData(0.01, 30.0, 1)]
    [InlineData(2.0, 30000.0 / 1001.0, 59)]
    [InlineData(1e12, 30.0, int.MaxValue)]
    public void FrameModulus_ReferenceArithmetic_TruncatesAndForcesAtLeastOne(double secondsPerHash, double fps, int expected)
    {
        VpdqSampling.FrameModulus(secondsPerHash, fps).ShouldBe(expected);
    }

    [Fact]
    public void Timestamp_FrameOverRate_IsSinglePrecisionDivision()
    {
        VpdqSampling.Timestamp(7, 29.97).ShouldBe(7f / 29.97f);
        VpdqSampling.Timestamp(0, 30).ShouldBe(0f);
    }

    [Theory]
    [InlineData(0, 29, true)]
    [InlineData(28, 29, false)]
    [InlineData(58, 29, true)]
    [InlineData(5, 1, true)]
    public void IsHashed_FrameModulus_SelectsMultiples(int frame, int modulus, bool expected)
    {
        VpdqSampling.IsHashed(frame, modulus).ShouldBe(expected);
    }
}
