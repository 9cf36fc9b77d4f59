using System.Globalization;
using System.Runtime.CompilerServices;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>The reference images and their hashes in <c>&lt;repo&gt;/../shared/reference/pdq</c>, read in place.</summary>
internal static class ImagingReferenceData
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);
    private static readonly Lazy<IReadOnlyList<ReferenceRow>> s_rows = new(ReadRows);

    /// <summary>The <c>reference/pdq</c> directory; throws with a clear message when it is missing.</summary>
    public static string Directory => s_directory.Value;

    /// <summary>Rows of <c>reference-hashes.csv</c>.</summary>
    public static IReadOnlyList<ReferenceRow> Rows => s_rows.Value;

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    public static ReferenceRow Row(string fileName) => Rows.Single(r => Path.GetFileName(r.File) == fileName);

    /// <summary>Every row's file, as theory data.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (ReferenceRow row in Rows)
        {
            data.Add(row.File);
        }

        return data;
    }

    private static IReadOnlyList<ReferenceRow> ReadRows()
    {
        string[] lines = File.ReadAllLines(PathOf("reference-hashes.csv"));
        string[] header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(c => new ReferenceRow(
            c[Column("file")],
            int.Parse(c[Column("width")], CultureInfo.InvariantCulture),
            int.Parse(c[Column("height")], CultureInfo.InvariantCulture),
            int.Parse(c[Column("spectrum")], CultureInfo.InvariantCulture),
            int.Parse(c[Column("quality")], CultureInfo.InvariantCulture),
            c[Column("hash")])).ToList();
    }

    private static string FindDirectory()
    {
        string[] starts = [Path.GetDirectoryName(SourceFile())!, AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (string start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Takedown.slnx")))
                {
                    continue;
                }

                string reference = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "pdq"));
                return System.IO.Directory.Exists(reference)
                    ? reference
                    : throw new InvalidOperationException(
                        $"PDQ conformance data not found at {reference} (expected <repo>/../shared/reference/pdq); " +
                        "the imaging tests hash Meta's reference images and cannot run without it.");
            }
        }

        throw new InvalidOperationException($"Could not find the repository root (Takedown.slnx) above {string.Join(" or ", starts)}.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}

/// <summary>One row of <c>reference-hashes.csv</c>: the original size, channel count, quality and plain hash.</summary>
internal sealed record ReferenceRow(string File, int Width, int Height, int Spectrum, int Quality, string Hash);
