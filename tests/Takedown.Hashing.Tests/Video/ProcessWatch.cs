using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Takedown.Hashing.Tests.Video;

/// <summary>Records the ids of the FFmpeg/ffprobe processes a call starts, to check none outlives it.</summary>
internal sealed class ProcessWatch
{
    private readonly ConcurrentBag<int> _ids = [];

    public Action<Process> OnStarted => process => _ids.Add(process.Id);

    public int Started => _ids.Count;

    /// <summary>Ids of recorded processes that still exist (running, or exited but never reaped: zombies).</summary>
    public List<int> Alive() => [.. _ids.Where(IsAlive)];

    private static bool IsAlive(int pid)
    {
        string stat = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            // The id may have been reused by an unrelated process: only ffmpeg/ffprobe children of ours count.
            string text = File.ReadAllText(stat);
            string name = text[(text.IndexOf('(', StringComparison.Ordinal) + 1)..text.LastIndexOf(')')];
            string[] rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            int parent = int.Parse(rest[1], CultureInfo.InvariantCulture);
            return parent == Environment.ProcessId && name is "ffmpeg" or "ffprobe";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
