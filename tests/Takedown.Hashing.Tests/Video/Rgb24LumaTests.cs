using Takedown.Hashing.Video;

namespace Takedown.Hashing.Tests.Video;

public sealed class Rgb24LumaTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(1023)]
    [InlineData(720 * 480)]
    public void Convert_RandomPixels_EqualsReferenceFormulaBitForBit(int pixels)
    {
        // Given random RGB bytes
        byte[] rgb = new byte[pixels * 3];
        new Random(pixels).NextBytes(rgb);
        float[] luma = new float[pixels];

        // When (whichever path this process has: Vector128, or scalar when intrinsics are off)
        Rgb24Luma.Convert(rgb, luma);

        // Then: (R*0.299f + G*0.587f) + B*0.114f with separately rounded products
        for (int i = 0; i < pixels; i++)
        {
            float r = rgb[3 * i] * 0.299f;
            float g = rgb[(3 * i) + 1] * 0.587f;
            float b = rgb[(3 * i) + 2] * 0.114f;
            float expected = (r + g) + b;
            BitConverter.SingleToInt32Bits(luma[i]).ShouldBe(BitConverter.SingleToInt32Bits(expected), $"pixel {i}");
        }
    }

    [Fact]
    public void ConvertVector128_AllByteValues_EqualsScalarPath()
    {
        // Given every (R, G, B) combination on a coarse grid plus all 256 grey levels
        var bytes = new List<byte>();
        for (int r = 0; r < 256; r += 15)
        {
            for (int g = 0; g < 256; g += 15)
            {
                for (int b = 0; b < 256; b += 15)
                {
                    bytes.AddRange([(byte)r, (byte)g, (byte)b]);
                }
            }
        }

        for (int v = 0; v < 256; v++)
        {
            bytes.AddRange([(byte)v, (byte)v, (byte)v]);
        }

        byte[] rgb = [.. bytes];
        int pixels = rgb.Length / 3;
        float[] scalar = new float[pixels];
        float[] vector = new float[pixels];

        // When
        Rgb24Luma.ConvertScalar(rgb, scalar);
        int done = Rgb24Luma.ConvertVector128(rgb, vector);
        Rgb24Luma.ConvertScalar(rgb.AsSpan(done * 3), vector.AsSpan(done));

        // Then
        done.ShouldBe(pixels / 16 * 16);
        vector.ShouldBe(scalar);
    }

    [Fact]
    public void Convert_ShortRgbBuffer_Throws()
    {
        Should.Throw<ArgumentException>(() => Rgb24Luma.Convert(new byte[5], new float[2]));
    }
}
