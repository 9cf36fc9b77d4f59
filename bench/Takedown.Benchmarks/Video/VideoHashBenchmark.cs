using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Takedown.Hashing.Video;

namespace Takedown.Benchmarks.Video;

/// <summary>
/// vPDQ end to end (ffprobe, FFmpeg decode + swscale to RGB24, pipe, luma, PDQ on every core) on the shipped sample
/// videos, every frame hashed as the reference's <c>vpdq-hash-video</c> default; and FFmpeg alone writing the same
/// raw frames to a discarded pipe (the decode floor). Frames per second = frames / mean time (bench/video/run.sh).
/// </summary>
[ShortRunJob]
public class VideoHashBenchmark
{
    private string _path = "";

    [Params("chair-19-sd-bar", "doorknob-hd-no-bar")]
    public string Sample { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _path = Path.Combine(ReferenceVideos(), Sample + ".mp4");

    [Benchmark(Description = "vPDQ every frame")]
    public async Task<int> HashEveryFrame()
    {
        VideoHashResult result = await VideoHasher.HashAsync(_path, new VideoHashOptions { SecondsPerHash = 0 });
        return result.Frames.Count;
    }

    [Benchmark(Baseline = true, Description = "FFmpeg decode to RGB24 only")]
    public async Task<long> DecodeOnly()
    {
        VideoStreamInfo stream = await VideoProbe.ProbeAsync(_path);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])
            ["-nostdin", "-v", "error", "-noautorotate", "-i", _path, "-fps_mode", "passthrough", "-sws_flags", "area",
             "-s", $"{stream.Width}x{stream.Height}", "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        await process.WaitForExitAsync();
        return total;
    }

    internal static string ReferenceVideos([CallerFilePath] string source = "")
    {
        // <repo>/bench/Takedown.Benchmarks/Video/this.cs -> <repo>/../shared/reference/vpdq/videos
        string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        string videos = Path.GetFullPath(Path.Combine(repo, "..", "shared", "reference", "vpdq", "videos"));
        return Directory.Exists(videos) ? videos : throw new DirectoryNotFoundException("vPDQ sample videos not found at " + videos);
    }
}
