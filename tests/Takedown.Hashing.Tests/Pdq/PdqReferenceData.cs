using System.Globalization;
using System.Runtime.CompilerServices;

namespace Takedown.Hashing.Tests.Pdq;

/// <summary>Locates and parses the shared PDQ conformance data (<c>&lt;repo&gt;/../shared/reference/pdq</c>).</summary>
internal static class PdqReferenceData
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);

    /// <summary>The <c>reference/pdq</c> directory; throws with a clear message when it is missing.</summary>
    public static string Directory => s_directory.Value;

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>Rows of <c>synthetic-vectors.csv</c>.</summary>
    public static IReadOnlyList<SyntheticVector> SyntheticVectors() =>
        ReadCsv("synthetic-vectors.csv").Select(SyntheticVector.Parse).ToList();

    /// <summary>Rows of <c>reference-hashes.csv</c>.</summary>
    public static IReadOnlyList<ReferenceImage> ReferenceImages() =>
        ReadCsv("reference-hashes.csv").Select(ReferenceImage.Parse).ToList();

    private static IEnumerable<Dictionary<string, string>> ReadCsv(string name)
    {
        string[] lines = File.ReadAllLines(PathOf(name));
        string[] header = lines[0].Split(',');
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            yield return header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
    }

    private static string FindDirectory()
    {
        // The source tree (the test binaries may be built into an artifacts folder outside it), then the binaries, then the working directory.
        string[] starts = [Path.GetDirectoryName(SourceFile())!, AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (string start in starts)
        {
            string? found = FindFrom(start);
            if (found is not null)
            {
                return found;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (Takedown.slnx) above {string.Join(" or ", starts)} to locate ../shared/reference/pdq.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private static string? FindFrom(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Takedown.slnx")))
            {
                string reference = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "pdq"));
                if (!System.IO.Directory.Exists(reference))
                {
                    throw new InvalidOperationException(
                        $"PDQ conformance data not found at {reference} (expected <repo>/../shared/reference/pdq). " +
                        "These tests compare against Meta's reference outputs and cannot run without it.");
                }

                return reference;
            }
        }

        return null;
    }

    internal static int Int(Dictionary<string, string> row, string key) => int.Parse(row[key], CultureInfo.InvariantCulture);
}

/// <summary>One row of <c>synthetic-vectors.csv</c>.</summary>
internal sealed record SyntheticVector(
    string Name, int Pattern, uint Seed, int Rows, int Cols, bool FileMode, string Hash, int Quality,
    string[] Dihedral, ulong FnvLuma, ulong Fnv64x64, ulong FnvDct16)
{
    public string Id => $"{Name}/{(FileMode ? "file" : "buffer")}";

    public static SyntheticVector Parse(Dictionary<string, string> row) => new(
        row["name"],
        PdqReferenceData.Int(row, "pattern"),
        uint.Parse(row["seed"], CultureInfo.InvariantCulture),
        PdqReferenceData.Int(row, "rows"),
        PdqReferenceData.Int(row, "cols"),
        row["mode"] switch
        {
            "file" => true,
            "buffer" => false,
            var m => throw new FormatException($"Unknown mode {m}"),
        },
        row["hash"],
        PdqReferenceData.Int(row, "quality"),
        new[] { "dih_rot90", "dih_rot180", "dih_rot270", "dih_flipx", "dih_flipy", "dih_flipplus1", "dih_flipminus1" }
            .Select(k => row[k]).ToArray(),
        ulong.Parse(row["fnv_luma"], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        ulong.Parse(row["fnv_64x64"], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        ulong.Parse(row["fnv_dct16"], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>
    /// The README's generator: an LCG (<c>state = state*1664525 + 1013904223</c>, <c>next = state &gt;&gt; 24</c>)
    /// driving five patterns of interleaved RGB (pattern 2 is grey with R=G=B).
    /// </summary>
    public byte[] GeneratePixels()
    {
        byte[] pixels = new byte[Rows * Cols * 3];
        uint state = Seed;
        uint Next()
        {
            state = unchecked((state * 1664525) + 1013904223);
            return state >> 24;
        }

        int k = 0;
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                if (Pattern == 2)
                {
                    byte g = unchecked((byte)((((i * i) + (3 * j * j)) >> 5) + (int)(Next() & 7)));
                    pixels[k++] = g;
                    pixels[k++] = g;
                    pixels[k++] = g;
                    continue;
                }

                for (int c = 0; c < 3; c++)
                {
                    pixels[k++] = Pattern switch
                    {
                        0 => unchecked((byte)((i * (3 + (int)(Seed % 5))) + (j * (7 + (int)(Seed % 3))) + (c * 85) + (int)(Next() & 31))),
                        1 => unchecked((byte)((((i / (8 + (int)(Seed % 9))) ^ (j / (5 + (int)(Seed % 7)))) * 37) + (c * 60) + (int)(Next() & 15))),
                        3 => 128,
                        4 => (byte)Next(),
                        _ => throw new InvalidOperationException($"Unknown pattern {Pattern}"),
                    };
                }
            }
        }

        return pixels;
    }
}

/// <summary>One row of <c>reference-hashes.csv</c>.</summary>
internal sealed record ReferenceImage(string File, int Width, int Height, int Spectrum, string PixelsPng, int Quality, string[] Hashes)
{
    public static ReferenceImage Parse(Dictionary<string, string> row) => new(
        row["file"],
        PdqReferenceData.Int(row, "width"),
        PdqReferenceData.Int(row, "height"),
        PdqReferenceData.Int(row, "spectrum"),
        row["pixels_png"],
        PdqReferenceData.Int(row, "quality"),
        new[] { "hash", "rot90", "rot180", "rot270", "flipx", "flipy", "flipplus1", "flipminus1" }.Select(k => row[k]).ToArray());
}

/// <summary>
/// FNV-1a-64 over the little-endian bytes of float32 values, as the vectors' <c>fnv_*</c> columns. The
/// generator used the offset basis 1469598103934665603 (the standard 14695981039346656037 with its last
/// digit missing); solved from the all-zero buffers of <c>tiny4x100_zero</c> and confirmed on every vector.
/// </summary>
internal static class Fnv1a64
{
    public static ulong OfFloats(ReadOnlySpan<float> values)
    {
        ulong hash = 1469598103934665603;
        foreach (float v in values)
        {
            uint bits = BitConverter.SingleToUInt32Bits(v);
            for (int b = 0; b < 4; b++)
            {
                hash ^= (bits >> (8 * b)) & 0xff;
                hash *= 0x100000001b3;
            }
        }

        return hash;
    }
}
