using System.Diagnostics;
using Takedown.Tests.Shared;

namespace Takedown.Hashing.Tests.Video;

/// <summary>Broken and unusual media files, made once per test class in a temporary folder (FFmpeg's lavfi sources).</summary>
public sealed class HostileMedia : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "takedown-video-tests-" + Guid.NewGuid().ToString("N"));

    public string Empty => Path.Combine(Folder, "empty.mp4");

    /// <summary>The first 240,000 bytes of a sample whose index (moov) comes first: the header is intact, the frames stop.</summary>
    public string TruncatedFrames => Path.Combine(Folder, "truncated-frames.mp4");

    /// <summary>The first 30,000 bytes of a sample whose index (moov) comes last: no index at all.</summary>
    public string TruncatedHeader => Path.Combine(Folder, "truncated-header.mp4");

    public string AudioOnly => Path.Combine(Folder, "audio-only.m4a");

    public string OnePixel => Path.Combine(Folder, "one-pixel.mkv");

    public string NotMedia => Path.Combine(Folder, "not-media.mp4");

    public string Missing => Path.Combine(Folder, "missing.mp4");

    /// <summary>A 6-second 160x120 test pattern at 25 frames/s.</summary>
    public string Pattern => Path.Combine(Folder, "pattern.mp4");

    /// <summary>A 2-second 97x61 (odd sizes, 4:2:0) clip of 60 frames whose timestamps jump 0.5 s after frame 20.</summary>
    public string OddVfr => Path.Combine(Folder, "odd-vfr.mkv");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(Empty, []);
        byte[] doorknob = await File.ReadAllBytesAsync(VpdqReferenceData.VideoPath("doorknob-hd-no-bar"));
        await File.WriteAllBytesAsync(TruncatedFrames, doorknob[..240_000]);
        byte[] padded = await File.ReadAllBytesAsync(VpdqReferenceData.VideoPath("test-padded-dimensions"));
        await File.WriteAllBytesAsync(TruncatedHeader, padded[..30_000]);
        await File.WriteAllTextAsync(NotMedia, "This is a text file with a video extension.\n");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", AudioOnly);
        // The colour source cannot make 1x1 itself (FFmpeg 5.1 rounds it to 0x0), so scale a 16x16 one down.
        await FfmpegAsync("-f", "lavfi", "-i", "color=c=red:s=16x16:d=1:r=5", "-vf", "scale=1:1", "-c:v", "ffv1", OnePixel);
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=6", "-c:v", "libx264", "-pix_fmt", "yuv420p", Pattern);
        await FfmpegAsync(
            "-f", "lavfi", "-i", "testsrc2=s=96x60:r=30:d=2", "-vf", "scale=97:61,setpts='PTS+if(gt(N,20),0.5/TB,0)'",
            "-fps_mode", "vfr", "-c:v", "ffv1", OddVfr);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in (string[])["-nostdin", "-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
