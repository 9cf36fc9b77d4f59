using System.Runtime.CompilerServices;

namespace Takedown.Cli.Tests.Matching;

/// <summary>A temporary directory for one test, and the shared reference data.</summary>
internal sealed class MatchTestFiles : IDisposable
{
    public MatchTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"takedown-match-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string name, string text)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The reference images, at <c>&lt;repo&gt;/../shared/reference/pdq/images</c>.</summary>
    public static string ReferenceImages([CallerFilePath] string here = "")
    {
        string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
        string images = Path.Combine(repo, "..", "shared", "reference", "pdq", "images");
        if (!System.IO.Directory.Exists(images))
        {
            throw new DirectoryNotFoundException(
                $"The PDQ reference images are missing: expected {Path.GetFullPath(images)} (the shared reference data beside the repository).");
        }

        return Path.GetFullPath(images);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
