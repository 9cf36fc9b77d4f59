using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Benchmarks.Hashing;

/// <summary>
/// The PDQ hash core on pixels already in memory: 512x512 RGB (the size every image larger than 512 is
/// resized to), its eight dihedral hashes, and a 1280x720 float-luma frame as vPDQ hashes it.
/// Each kernel is forced explicitly; the C++ reference is timed by bench/pdq-reference/run.sh.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRunConfig))]
public class PdqCoreBenchmark
{
    private byte[] _rgb512 = [];
    private float[] _luma720p = [];

    /// <summary>The kernel to force.</summary>
    public enum Kernel
    {
        Scalar,
        Vector128,
        Vector256,
    }

    [Params(Kernel.Scalar, Kernel.Vector128, Kernel.Vector256)]
    public Kernel Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Deterministic photo-like content: smooth gradients plus noise (LCG, as the reference vectors use).
        _rgb512 = new byte[512 * 512 * 3];
        uint state = 13;
        for (int i = 0; i < 512; i++)
        {
            for (int j = 0; j < 512; j++)
            {
                for (int c = 0; c < 3; c++)
                {
                    state = unchecked((state * 1664525) + 1013904223);
                    _rgb512[(((i * 512) + j) * 3) + c] = unchecked((byte)((i * 3) + (j * 7) + (c * 85) + (int)((state >> 24) & 31)));
                }
            }
        }

        _luma720p = new float[1280 * 720];
        for (int k = 0; k < _luma720p.Length; k++)
        {
            state = unchecked((state * 1664525) + 1013904223);
            _luma720p[k] = ((k % 1280) * 0.1f) + ((k / 1280) * 0.2f) + (state >> 27);
        }
    }

    /// <summary>
    /// ShortRun (3 warm-ups, 3 iterations) in-process: the out-of-process toolchain rebuilds the project,
    /// which timed out on the shared 2-core machine.
    /// </summary>
    public sealed class InProcessShortRunConfig : ManualConfig
    {
        public InProcessShortRunConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private PdqKernel Forced => Variant switch
    {
        Kernel.Scalar => PdqKernel.Scalar,
        Kernel.Vector128 => PdqKernel.Vector128,
        _ => PdqKernel.Vector256,
    };

    [Benchmark(Description = "512x512 RGB -> hash + quality")]
    public PdqResult Hash512() =>
        PdqCore.Hash(PdqInput.FromPixels(_rgb512, 512, 512, 512 * 3, PdqPixelFormat.Rgb24, fileMode: true), Forced);

    [Benchmark(Description = "512x512 RGB -> 8 dihedral hashes")]
    public PdqDihedralResult Dihedral512() =>
        PdqCore.HashDihedral(PdqInput.FromPixels(_rgb512, 512, 512, 512 * 3, PdqPixelFormat.Rgb24, fileMode: true), Forced);

    [Benchmark(Description = "1280x720 float luma -> hash (vPDQ frame)")]
    public PdqResult Luma720p() => PdqCore.Hash(PdqInput.FromLuma(_luma720p, 1280, 720), Forced);
}
