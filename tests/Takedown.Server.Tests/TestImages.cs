using NetVips;

namespace Takedown.Server.Tests;

/// <summary>Deterministic test pictures: smooth structured content (so PDQ quality is high) from a seed.</summary>
internal static class TestImages
{
    public static byte[] Jpeg(int seed, int width = 640, int height = 480, int quality = 92)
    {
        var random = new Random(seed);
        double fx1 = 0.01 + (random.NextDouble() * 0.05), fy1 = 0.01 + (random.NextDouble() * 0.05);
        double fx2 = 0.02 + (random.NextDouble() * 0.08), fy2 = 0.02 + (random.NextDouble() * 0.08);
        double p1 = random.NextDouble() * 6.28, p2 = random.NextDouble() * 6.28;
        int bx = random.Next(width / 2), by = random.Next(height / 2), bw = 40 + random.Next(80), bh = 40 + random.Next(80);
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double v = 128 + (60 * Math.Sin((fx1 * x) + p1) * Math.Cos((fy1 * y) + p2)) + (40 * Math.Sin((fx2 * x) + (fy2 * y)));
                if (x >= bx && x < bx + bw && y >= by && y < by + bh)
                {
                    v = 255 - v;
                }

                byte b = (byte)Math.Clamp(v, 0, 255);
                int i = ((y * width) + x) * 3;
                rgb[i] = b;
                rgb[i + 1] = (byte)Math.Clamp(v * 0.8, 0, 255);
                rgb[i + 2] = (byte)Math.Clamp(255 - v, 0, 255);
            }
        }

        using Image image = Image.NewFromMemory(rgb, width, height, 3, Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: quality);
    }

    /// <summary>The same picture scaled and re-encoded: a near copy.</summary>
    public static byte[] Resized(byte[] jpeg, double scale = 0.6, int quality = 75)
    {
        using Image image = Image.NewFromBuffer(jpeg);
        using Image smaller = image.Resize(scale);
        return smaller.JpegsaveBuffer(q: quality);
    }
}
