using System.Diagnostics;

namespace Takedown.Server.Tests.Video;

/// <summary>
/// Short videos made once per test class by the real <c>ffmpeg</c> (lavfi sources, a few seconds, a few dozen KB) in a
/// temporary directory: an original, the same re-encoded smaller at a lower bitrate, an exact copy's bytes, an
/// unrelated video, and an audio-only file.
/// </summary>
public sealed class TestVideos : IDisposable
{
    public TestVideos()
    {
        Directory = Path.Combine(Path.GetTempPath(), "takedown-video-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Original = Make("original.mp4", "-f lavfi -i testsrc2=size=320x240:rate=10:duration=6 -c:v libx264 -pix_fmt yuv420p");
        Reencoded = Make("reencoded.mp4", $"-i {Path.Combine(Directory, "original.mp4")} -vf scale=240:180 -c:v libx264 -b:v 150k -pix_fmt yuv420p");
        Unrelated = Make("unrelated.mp4", "-f lavfi -i mandelbrot=size=320x240:rate=10 -t 6 -c:v libx264 -pix_fmt yuv420p");
        AudioOnly = Make("audio.m4a", "-f lavfi -i sine=frequency=440:duration=2 -c:a aac");
    }

    public string Directory { get; }

    public byte[] Original { get; }

    public byte[] Reencoded { get; }

    public byte[] Unrelated { get; }

    public byte[] AudioOnly { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private byte[] Make(string name, string arguments)
    {
        string output = Path.Combine(Directory, name);
        var start = new ProcessStartInfo("ffmpeg", $"-v error -nostdin -y {arguments} {output}")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start (is it installed?)");
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed making {name}: {errors}");
        }

        return File.ReadAllBytes(output);
    }
}
