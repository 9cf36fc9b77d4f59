using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Takedown.Hashing.Imaging;

namespace Takedown.Benchmarks.Hashing;

/// <summary>
/// File on disk to PDQ hash, on both cores (one file per task), for small reference photos and for ~1 MP and
/// ~12 MP JPEGs generated at setup time from the reference images (quality 90; nothing big is committed).
/// Full decode (the reference's exact sampling) is the baseline; DecodeOnly rows give the decode share.
/// Each operation is one image, so images/s on two cores = 1 s / Mean.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class EndToEndBenchmark
{
    private static readonly ImageDecoder s_full = new(new ImageDecodeOptions { ShrinkOnLoad = false });
    private static readonly ImageDecoder s_fast = ImageDecoder.Default;
    private string _directory = "";
    private const int Images = 32;
    private string[] _files = [];

    /// <summary>Which inputs: the reference's small labelme photos, or generated ~1 MP / ~12 MP JPEGs.</summary>
    [Params("labelme-256", "jpeg-1mp", "jpeg-12mp")]
    public string Set { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string reference = EndToEndInputs.ReferenceImages();
        _directory = Directory.CreateTempSubdirectory("takedown-e2e-").FullName;
        _files = Set switch
        {
            "labelme-256" => EndToEndInputs.Cycle(Directory.GetFiles(Path.Combine(reference, "reg-test-input", "labelme-subset")), Images),
            "jpeg-1mp" => EndToEndInputs.Cycle(EndToEndInputs.Generate(reference, _directory, 1152, 864, 8), Images),
            "jpeg-12mp" => EndToEndInputs.Cycle(EndToEndInputs.Generate(reference, _directory, 4000, 3000, 4), Images),
            _ => throw new InvalidOperationException(Set),
        };
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Images, Description = "full decode + PDQ, 2 cores")]
    public int FullDecode() => RunParallel(f => ImageHasher.ComputeHash(f, s_full).Quality);

    [Benchmark(OperationsPerInvoke = Images, Description = "shrink-on-load + PDQ, 2 cores")]
    public int ShrinkOnLoad() => RunParallel(f => ImageHasher.ComputeHash(f, s_fast).Quality);

    [Benchmark(OperationsPerInvoke = Images, Description = "full decode only, 2 cores")]
    public int FullDecodeOnly() => RunParallel(f =>
    {
        using DecodedImage image = s_full.Decode(f);
        return image.Width;
    });

    [Benchmark(OperationsPerInvoke = Images, Description = "shrink-on-load decode only, 2 cores")]
    public int ShrinkOnLoadDecodeOnly() => RunParallel(f =>
    {
        using DecodedImage image = s_fast.Decode(f);
        return image.Width;
    });

    private int RunParallel(Func<string, int> work)
    {
        int total = 0;
        Parallel.For(0, _files.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => Interlocked.Add(ref total, work(_files[i])));
        return total;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short: 1 launch, 2 warm-ups, 6 measured iterations of one invocation (32 images) each; in-process,
            // so no boilerplate project is built (that build times out on a busy 2-core machine).
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(6).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"));
        }
    }
}
