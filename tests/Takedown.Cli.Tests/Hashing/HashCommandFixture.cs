using System.Runtime.CompilerServices;

namespace Takedown.Cli.Tests.Hashing;

/// <summary>Paths to the shared reference images and a helper that runs <c>takedown</c> in-process.</summary>
internal static class HashCli
{
    private static readonly Lazy<string> s_reference = new(FindReference);

    /// <summary><c>&lt;repo&gt;/../shared/reference/pdq</c>; throws with a clear message when missing.</summary>
    public static string ReferenceDirectory => s_reference.Value;

    public static string Image(string relative) => Path.Combine(ReferenceDirectory, "images", relative);

    /// <summary>The reference CSV row for a file name: the 8 dihedral hashes and the quality.</summary>
    public static (string[] Hashes, int Quality) ReferenceRow(string fileName)
    {
        string[] lines = File.ReadAllLines(Path.Combine(ReferenceDirectory, "reference-hashes.csv"));
        string[] header = lines[0].Split(',');
        string[] cells = lines.Skip(1).Select(l => l.Split(',')).Single(c => Path.GetFileName(c[0]) == fileName);
        string[] names = ["hash", "rot90", "rot180", "rot270", "flipx", "flipy", "flipplus1", "flipminus1"];
        return (names.Select(n => cells[Array.IndexOf(header, n)]).ToArray(), int.Parse(cells[Array.IndexOf(header, "quality")], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await TakedownCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, Lines(output.ToString()), Lines(error.ToString()));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static string FindReference()
    {
        string[] starts = [Path.GetDirectoryName(SourceFile())!, AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (string start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Takedown.slnx")))
                {
                    string reference = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "pdq"));
                    return Directory.Exists(reference)
                        ? reference
                        : throw new InvalidOperationException(
                            $"PDQ conformance data not found at {reference} (expected <repo>/../shared/reference/pdq).");
                }
            }
        }

        throw new InvalidOperationException($"Could not find the repository root (Takedown.slnx) above {string.Join(" or ", starts)}.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}

/// <summary>Exit code, stdout lines and stderr lines of one in-process run.</summary>
internal sealed record CliRun(int ExitCode, string[] Output, string[] Error);
