using System.Globalization;
using System.Runtime.CompilerServices;
using Takedown.Hashing.Video;

namespace Takedown.Tests.Shared;

/// <summary>
/// Meta's vPDQ reference data in <c>&lt;repo&gt;/../shared/reference/vpdq</c> (read in place, never copied). One source
/// file for the Hashing and Matching test projects (Matching links it from here).
/// </summary>
internal static class VpdqReferenceData
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);

    /// <summary>The <c>reference/vpdq</c> directory; throws with a clear message when it is missing.</summary>
    public static string Directory => s_directory.Value;

    /// <summary>Sample videos that have a reference hash file (every frame hashed at stream size).</summary>
    public static IReadOnlyList<string> Samples { get; } =
    [
        "chair-19-sd-bar", "chair-22-sd-sepia-bar", "chair-orig-22-sd-bar", "doorknob-hd-no-bar",
        "pattern-hd-no-bar", "pattern-longer-no-bar", "pattern-sd-grey-bar", "test-padded-dimensions",
    ];

    public static string VideoPath(string name) => Path.Combine(Directory, "videos", name + ".mp4");

    public static List<VideoFrameHash> ReadHashes(string name) => VpdqFormat.ReadFile(Path.Combine(Directory, "hashes", name + ".txt"));

    /// <summary>The rows of <c>match-table-all-samples.csv</c> whose two videos both have reference hashes.</summary>
    public static List<MatchTableRow> MatchTable()
    {
        var rows = new List<MatchTableRow>();
        foreach (string line in File.ReadLines(Path.Combine(Directory, "match-table-all-samples.csv")).Skip(1))
        {
            string[] f = line.Split(',');
            if (f.Length != 6 || !Samples.Contains(f[0]) || !Samples.Contains(f[1]))
            {
                continue;
            }

            rows.Add(new MatchTableRow(f[0], f[1], D(f[2]), D(f[3]), D(f[4]), D(f[5])));
        }

        return rows;

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    private static string FindDirectory() =>
        FindFrom(AppContext.BaseDirectory) ?? FindFrom(SourceDirectory()) ??
        throw new InvalidOperationException("Cannot find the repository root (Takedown.slnx) above " + AppContext.BaseDirectory);

    /// <summary>This file's directory at build time (tests may run from an artifacts folder outside the repository).</summary>
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";

    private static string? FindFrom(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Takedown.slnx")))
            {
                string reference = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "vpdq"));
                if (!System.IO.Directory.Exists(reference))
                {
                    throw new InvalidOperationException(
                        $"vPDQ conformance data not found at {reference} (expected <repo>/../shared/reference/vpdq).");
                }

                return reference;
            }
        }

        return null;
    }
}

/// <summary>One row of the reference match table.</summary>
internal sealed record MatchTableRow(
    string Query, string Target, double CppQueryPercent, double CppTargetPercent, double PyQueryPercent, double PyComparedPercent);
