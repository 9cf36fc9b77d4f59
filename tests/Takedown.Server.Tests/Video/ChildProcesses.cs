namespace Takedown.Server.Tests.Video;

/// <summary>The FFmpeg processes this test process started that are still alive (Linux <c>/proc</c>).</summary>
internal static class ChildProcesses
{
    private static readonly System.Buffers.SearchValues<char> s_hex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static List<string> LiveFfmpeg()
    {
        int self = Environment.ProcessId;
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));

                // pid (comm) state ppid ...; comm may hold spaces, so read after the last ')'.
                int close = stat.LastIndexOf(')');
                string comm = stat[(stat.IndexOf('(') + 1)..close];
                string[] rest = stat[(close + 2)..].Split(' ');
                if (int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) == self && comm is "ffmpeg" or "ffprobe" && rest[0] != "Z")
                {
                    found.Add($"{Path.GetFileName(dir)} {comm} {rest[0]}");
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Private temporary video directories still present (MediaHasher puts them on /dev/shm when it exists).</summary>
    public static List<string> LeftoverTempDirectories() =>
        Directory.Exists("/dev/shm") ? Directory.EnumerateDirectories("/dev/shm", "takedown-*").Where(IsVideoDirectory).ToList() : [];

    /// <summary><c>takedown-</c> and 32 lowercase hex digits, as <c>MediaHasher</c> names them.</summary>
    private static bool IsVideoDirectory(string path)
    {
        string name = Path.GetFileName(path);
        return name.Length == 41 && name.AsSpan(9).IndexOfAnyExcept(s_hex) < 0;
    }
}
