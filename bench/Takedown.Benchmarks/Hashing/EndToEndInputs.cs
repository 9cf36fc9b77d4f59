using System.Runtime.CompilerServices;
using NetVipsImage = NetVips.Image;

namespace Takedown.Benchmarks.Hashing;

/// <summary>Inputs for <see cref="EndToEndBenchmark"/>: reference images, and JPEGs generated from them.</summary>
internal static class EndToEndInputs
{
    /// <summary><c>&lt;repo&gt;/../shared/reference/pdq/images</c>.</summary>
    public static string ReferenceImages([CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Takedown.slnx")))
            {
                string images = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "pdq", "images"));
                return Directory.Exists(images) ? images : throw new InvalidOperationException($"Reference images not found at {images}.");
            }
        }

        throw new InvalidOperationException("Repository root (Takedown.slnx) not found.");
    }

    /// <summary>Writes <paramref name="count"/> JPEGs (quality 90) of width × height scaled from different reference photos.</summary>
    public static string[] Generate(string reference, string directory, int width, int height, int count)
    {
        string[] sources = Directory.GetFiles(Path.Combine(reference, "bridge-mods"), "*.jpg")
            .Where(f => new FileInfo(f).Length > 100_000) // the full-size bridge photos, not the small squares
            .Order(StringComparer.Ordinal).ToArray();
        var files = new string[count];
        for (int i = 0; i < count; i++)
        {
            using NetVipsImage image = NetVipsImage.NewFromFile(sources[i % sources.Length]);
            using NetVipsImage scaled = image.Resize((double)width / image.Width, vscale: (double)height / image.Height);
            files[i] = Path.Combine(directory, $"{width}x{height}-{i}.jpg");
            scaled.Jpegsave(files[i], q: 90);
        }

        return files;
    }

    /// <summary><paramref name="files"/> repeated to <paramref name="count"/> entries.</summary>
    public static string[] Cycle(string[] files, int count) =>
        Enumerable.Range(0, count).Select(i => files[i % files.Length]).ToArray();
}
