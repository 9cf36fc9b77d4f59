namespace Takedown.Cli.Hashing;

/// <summary>
/// Turns the command's PATH arguments into inputs: files as given, <c>-</c> as standard input, and directories
/// expanded recursively in ordinal path order (deterministic on every machine). Symbolic links to directories
/// are not followed (no cycles); symbolic links to files are hashed.
/// </summary>
internal static class PathExpander
{
    public static IEnumerable<HashInput> Expand(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            if (path != HashInput.StandardInputName && Directory.Exists(path))
            {
                foreach (string file in ExpandDirectory(path))
                {
                    yield return new HashInput(file, FromDirectory: true);
                }
            }
            else
            {
                yield return new HashInput(path, FromDirectory: false);
            }
        }
    }

    private static List<string> ExpandDirectory(string root)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            foreach (FileSystemInfo entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options))
            {
                string path = Path.Combine(directory, entry.Name);
                if (entry is DirectoryInfo)
                {
                    if (entry.LinkTarget is null)
                    {
                        pending.Push(path);
                    }
                }
                else
                {
                    files.Add(path);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
