using BenchmarkDotNet.Attributes;
using Takedown.Hashing.Video;

namespace Takedown.Benchmarks.Video;

/// <summary>
/// Production sampling (one hash per second) on a long 720p video made by bench/video/run.sh
/// (path in TAKEDOWN_BENCH_LONG_VIDEO): FFmpeg's select filter drops unhashed frames after decoding, versus
/// piping every frame and skipping it here. Real-time factor = video duration / mean time.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LongVideoBenchmark
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Environment.GetEnvironmentVariable("TAKEDOWN_BENCH_LONG_VIDEO") ?? "";
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException("Set TAKEDOWN_BENCH_LONG_VIDEO to a video (bench/video/run.sh makes one).", _path);
        }
    }

    [Benchmark(Baseline = true, Description = "1 hash/s, select filter")]
    public async Task<int> OnePerSecondSelect() =>
        (await VideoHasher.HashAsync(_path, new VideoHashOptions { SecondsPerHash = 1 })).Frames.Count;

    [Benchmark(Description = "1 hash/s, decode-then-skip")]
    public async Task<int> OnePerSecondSkip() =>
        (await VideoHasher.HashAsync(_path, new VideoHashOptions { SecondsPerHash = 1, UseSelectFilter = false })).Frames.Count;
}
