using Takedown.Hashing.Video;

namespace Takedown.Hashing.Tests.Video;

public sealed class DecimalTextTests
{
    // Expected strings are CPython 3.11's '%.3f' % v and f"{v:.3}" for the same doubles.
    [Theory]
    [InlineData(0.0, "0.000")]
    [InlineData(0.0625, "0.062")]
    [InlineData(0.1875, "0.188")]
    [InlineData(1.0005, "1.000")]
    [InlineData(2.5, "2.500")]
    [InlineData(0.9995, "1.000")]
    [InlineData(0.99951, "1.000")]
    [InlineData(123456.789, "123456.789")]
    public void Fixed_ThreeDecimals_RoundsExactValueHalfToEven(double value, string expected)
    {
        DecimalText.Fixed(value, 3).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(10.0, "10.0")]
    [InlineData(99.96, "1e+02")]
    [InlineData(100.0, "1e+02")]
    [InlineData(123.4, "1.23e+02")]
    [InlineData(1.125, "1.12")]
    [InlineData(1.375, "1.38")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.000123456, "0.000123")]
    [InlineData(9.995, "9.99")]
    [InlineData(9.9951, "10.0")]
    [InlineData(12345.0, "1.23e+04")]
    public void PythonGeneral_ThreeDigits_MatchesPythonFormat(double value, string expected)
    {
        DecimalText.PythonGeneral(value, 3).ShouldBe(expected);
    }

    [Fact]
    public void Fixed_Negative_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DecimalText.Fixed(-1, 3));
    }
    [Theory]
    [InlineData(24.0)]
    [InlineData(25.0)]
    [InlineData(30000.0 / 1001.0)]
    [InlineData(30.0)]
    [InlineData(60000.0 / 1001.0)]
    [InlineData(24000.0 / 1001.0)]
    [InlineData(7.5)]
    public void Fixed_FrameTimestamps_FastPathEqualsExactPath(double frameRate)
    {
        // The first 5,000 frames, then every 331st up to 10 hours, each with its float neighbours.
        for (int frame = 0; frame < 1_080_000; frame += frame < 5_000 ? 1 : 331)
        {
            float timestamp = VpdqSampling.Timestamp(frame, frameRate);
            foreach (float value in (float[])[timestamp, MathF.BitDecrement(timestamp), MathF.BitIncrement(timestamp)])
            {
                if (value >= 0)
                {
                    DecimalText.Fixed(value, 3).ShouldBe(DecimalText.FixedExact(value, 3), $"{value:R}");
                }
            }
        }
    }

    [Fact]
    public void Fixed_RandomDoubles_FastPathEqualsExactPath()
    {
        var random = new Random(20261126);
        for (int i = 0; i < 200_000; i++)
        {
            // Dyadic values with few significant bits (exact ties among them) take the fast path, full doubles the
            // exact one; both must agree with the exact arithmetic.
            double value = i % 2 == 0
                ? Math.ScaleB(random.Next(0, 1 << 24), -random.Next(0, 40))
                : random.NextDouble() * Math.Pow(10, random.Next(-6, 14));
            int decimals = random.Next(0, 8);
            DecimalText.Fixed(value, decimals).ShouldBe(DecimalText.FixedExact(value, decimals), $"{value:R} {decimals}");
        }
    }

    [Theory]
    [InlineData(0.0625f, "0.062")]
    [InlineData(0.1875f, "0.188")]
    [InlineData(1.0625f, "1.062")]
    [InlineData(33.3666649f, "33.367")]
    public void Fixed_FloatTies_RoundHalfToEven(float value, string expected)
    {
        DecimalText.Fixed(value, 3).ShouldBe(expected);
    }
}
