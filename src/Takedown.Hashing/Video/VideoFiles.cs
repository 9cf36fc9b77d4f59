namespace Takedown.Hashing.Video;

/// <summary>Which files are treated as video (by extension; FFmpeg decides later whether they really are).</summary>
public static class VideoFiles
{
    private static readonly HashSet<string> s_extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".qt", ".mkv", ".webm", ".avi", ".wmv", ".asf", ".flv", ".mpg", ".mpeg", ".m2v",
        ".ts", ".m2ts", ".mts", ".3gp", ".3g2", ".ogv", ".vob", ".mxf", ".y4m",
    };

    /// <summary>Whether <paramref name="path"/> has a video file extension.</summary>
    public static bool HasVideoExtension(string path) => s_extensions.Contains(Path.GetExtension(path));
}
