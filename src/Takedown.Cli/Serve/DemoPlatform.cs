using NetVips;

namespace Takedown.Cli.Serve;

/// <summary>
/// The demo platform for <c>takedown serve</c>: a folder of generated sample pictures (abstract patterns, no people),
/// including an exact duplicate and a resized copy so the copy search has something to find.
/// </summary>
internal static class DemoPlatform
{
    /// <summary>Fills <paramref name="root"/> with sample images when it has no files; returns the ids written.</summary>
    public static IReadOnlyList<string> EnsureSamples(string root)
    {
        Directory.CreateDirectory(root);
        if (Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any())
        {
            return [];
        }

        var written = new List<string>();
        for (int seed = 1; seed <= 4; seed++)
        {
            byte[] jpeg = Pattern(seed, 640, 480);
            written.Add(Write(root, $"users/user{seed}/photo{seed}.jpg", jpeg));
            if (seed == 1)
            {
                written.Add(Write(root, "users/user5/repost.jpg", jpeg));
                using Image image = Image.NewFromBuffer(jpeg);
                using Image smaller = image.Resize(0.6);
                written.Add(Write(root, "users/user6/small.jpg", smaller.JpegsaveBuffer(q: 75)));
            }
        }

        return written;
    }

    private static string Write(string root, string id, byte[] bytes)
    {
        string path = Path.Combine(root, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return id;
    }

    private static byte[] Pattern(int seed, int width, int height)
    {
        var random = new Random(seed);
        double fx = 0.01 + (random.NextDouble() * 0.05), fy = 0.01 + (random.NextDouble() * 0.05), phase = random.NextDouble() * 6.28;
        int bx = random.Next(width / 2), by = random.Next(height / 2), size = 60 + random.Next(120);
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double v = 128 + (70 * Math.Sin((fx * x) + phase) * Math.Cos(fy * y)) + (30 * Math.Sin(0.05 * (x + y)));
                if (x >= bx && x < bx + size && y >= by && y < by + size)
                {
                    v = 255 - v;
                }

                int i = ((y * width) + x) * 3;
                rgb[i] = (byte)Math.Clamp(v, 0, 255);
                rgb[i + 1] = (byte)Math.Clamp(v * 0.7, 0, 255);
                rgb[i + 2] = (byte)Math.Clamp(255 - v, 0, 255);
            }
        }

        using Image image = Image.NewFromMemory(rgb, width, height, 3, Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 90);
    }
}
