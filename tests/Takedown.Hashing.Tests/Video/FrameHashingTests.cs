using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;

namespace Takedown.Hashing.Tests.Video;

public sealed class FrameHashingTests
{
    [Theory]
    [InlineData(480, 720)]
    [InlineData(1280, 720)]
    [InlineData(1080, 1080)]
    [InlineData(64, 64)]
    [InlineData(65, 63)]
    [InlineData(7, 5)]
    public void HashRgb24_SyntheticFrames_EqualsLumaThenHashBitForBit(int width, int height)
    {
        // Given frames with smooth gradients, edges and noise (as decoded video has)
        var random = new Random((width * 31) + height);
        for (int variant = 0; variant < 3; variant++)
        {
            byte[] rgb = new byte[width * height * 3];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int i = ((y * width) + x) * 3;
                    int edge = ((x / (8 + variant)) + (y / 11)) % 2 == 0 ? 60 : 0;
                    rgb[i] = (byte)Math.Clamp((x * 255 / width) + edge + random.Next(-9, 10), 0, 255);
                    rgb[i + 1] = (byte)Math.Clamp((y * 255 / height) - edge + random.Next(-9, 10), 0, 255);
                    rgb[i + 2] = (byte)Math.Clamp(((x + y) * 97 % 256) / (variant + 1) + random.Next(-9, 10), 0, 255);
                }
            }

            float[] luma = new float[width * height];
            Rgb24Luma.Convert(rgb, luma);

            // When hashed straight from RGB (the pipeline's path) and through a float luma frame (the reference's steps)
            PdqResult direct = FrameHashing.HashRgb24(rgb, width, height);
            PdqResult viaLuma = FrameHashing.HashLuma(luma, width, height);

            // Then the hash and quality are identical
            direct.ShouldBe(viaLuma, $"{width}x{height} variant {variant}");
        }
    }
}
