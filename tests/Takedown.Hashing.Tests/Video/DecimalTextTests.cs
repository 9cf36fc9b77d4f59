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
}
