using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Storage;

namespace Takedown.Matching.Flat;

/// <summary>
/// Exhaustive radius search over a <see cref="HashStore"/>: each entry's first 128 bits are compared with every
/// query, and only survivors (distance on those bits already within the radius) read the last 128 bits and the id.
/// For a random entry at radius 31 that happens about 3 times in a billion, so a scan reads 16 bytes per entry.
/// </summary>
[SkipLocalsInit]
internal static partial class FlatScanner
{
    /// <summary>Stores at least this big are scanned on all cores.</summary>
    public const int ParallelThreshold = 4 * HashStore.ChunkSize;

    /// <summary>The fastest kernel this machine supports.</summary>
    public static ScanKernel Best { get; } =
        Avx2.IsSupported ? ScanKernel.Vector256 : Ssse3.IsSupported ? ScanKernel.Vector128 : ScanKernel.Scalar;

    /// <summary>Whether this machine can run <paramref name="kernel"/>.</summary>
    public static bool IsSupported(ScanKernel kernel) => kernel switch
    {
        ScanKernel.Vector256 => Avx2.IsSupported,
        ScanKernel.Vector128 => Ssse3.IsSupported,
        _ => true,
    };

    /// <summary>Scans the whole store for entries within <paramref name="radius"/> of any query.</summary>
    /// <param name="store">The entries.</param>
    /// <param name="kernel">The kernel (must be supported).</param>
    /// <param name="queryWords">Four words per query.</param>
    /// <param name="radius">Inclusive radius.</param>
    /// <param name="hits">Receives the hits.</param>
    /// <param name="parallel">Whether a second core may help with a large store.</param>
    public static void Search(HashStore store, ScanKernel kernel, ulong[] queryWords, int radius, List<RawHit> hits, bool parallel = true)
    {
        int chunks = store.ChunkCount;
        if (!parallel || store.Count < ParallelThreshold || chunks < 2 || Environment.ProcessorCount < 2)
        {
            for (int c = 0; c < chunks; c++)
            {
                ScanChunk(store, c, kernel, queryWords, radius, hits);
            }

            return;
        }

        var job = new ScanJob(store, kernel, queryWords, radius);
        job.Run();
        job.CopyHitsTo(hits);
    }

    /// <summary>Scans one chunk.</summary>
    public static void ScanChunk(HashStore store, int chunk, ScanKernel kernel, ulong[] queryWords, int radius, List<RawHit> hits)
    {
        var c = new ChunkView(store.LoChunk(chunk), store.HiChunk(chunk), store.IdChunk(chunk), chunk << HashStore.ChunkShift);
        int count = store.ChunkLength(chunk);
        int queries = queryWords.Length / 4;
        switch (kernel)
        {
            case ScanKernel.Vector256 when Avx2.IsSupported:
                ScanVector256(c, count, queryWords, queries, radius, hits);
                break;
            case ScanKernel.Vector128 when Ssse3.IsSupported:
                ScanVector128(c, count, queryWords, queries, radius, hits);
                break;
            default:
                ScanScalar(c, 0, count, queryWords, queries, radius, hits);
                break;
        }
    }

    /// <summary>Scalar scan of entries [<paramref name="from"/>, <paramref name="to"/>) of a chunk; also the vector kernels' tail.</summary>
    private static void ScanScalar(ChunkView c, int from, int to, ulong[] q, int queries, int radius, List<RawHit> hits)
    {
        ref ulong lo = ref MemoryMarshal.GetArrayDataReference(c.Lo);
        if (queries == 1)
        {
            ulong q0 = q[0];
            ulong q1 = q[1];
            int i = from;

            // Four entries per step and one branch: the 128-bit test almost never passes.
            for (; i + 4 <= to; i += 4)
            {
                ref ulong e = ref Unsafe.Add(ref lo, 2 * i);
                int d0 = BitOperations.PopCount(e ^ q0) + BitOperations.PopCount(Unsafe.Add(ref e, 1) ^ q1);
                int d1 = BitOperations.PopCount(Unsafe.Add(ref e, 2) ^ q0) + BitOperations.PopCount(Unsafe.Add(ref e, 3) ^ q1);
                int d2 = BitOperations.PopCount(Unsafe.Add(ref e, 4) ^ q0) + BitOperations.PopCount(Unsafe.Add(ref e, 5) ^ q1);
                int d3 = BitOperations.PopCount(Unsafe.Add(ref e, 6) ^ q0) + BitOperations.PopCount(Unsafe.Add(ref e, 7) ^ q1);
                if (Math.Min(Math.Min(d0, d1), Math.Min(d2, d3)) <= radius)
                {
                    CheckFour(c, i, q, 0, radius, hits);
                }
            }

            for (; i < to; i++)
            {
                int d = BitOperations.PopCount(Unsafe.Add(ref lo, 2 * i) ^ q0) +
                        BitOperations.PopCount(Unsafe.Add(ref lo, (2 * i) + 1) ^ q1);
                if (d <= radius)
                {
                    CheckSurvivor(c, i, q, 0, radius, hits);
                }
            }

            return;
        }

        for (int i = from; i < to; i++)
        {
            ulong a0 = Unsafe.Add(ref lo, 2 * i);
            ulong a1 = Unsafe.Add(ref lo, (2 * i) + 1);
            for (int k = 0; k < queries; k++)
            {
                int d = BitOperations.PopCount(a0 ^ q[4 * k]) + BitOperations.PopCount(a1 ^ q[(4 * k) + 1]);
                if (d <= radius)
                {
                    CheckSurvivor(c, i, q, k, radius, hits);
                }
            }
        }
    }

    /// <summary>Full test of entries <paramref name="i"/>..<paramref name="i"/>+3 (at least one passed the 128-bit test).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckFour(ChunkView c, int i, ulong[] q, int k, int radius, List<RawHit> hits)
    {
        for (int e = i; e < i + 4; e++)
        {
            CheckSurvivor(c, e, q, k, radius, hits);
        }
    }

    /// <summary>Full 256-bit test of an entry that passed the 128-bit test; skips removed entries.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckSurvivor(ChunkView c, int i, ulong[] q, int k, int radius, List<RawHit> hits)
    {
        int d = BitOperations.PopCount(c.Lo[2 * i] ^ q[4 * k]) +
                BitOperations.PopCount(c.Lo[(2 * i) + 1] ^ q[(4 * k) + 1]) +
                BitOperations.PopCount(c.Hi[2 * i] ^ q[(4 * k) + 2]) +
                BitOperations.PopCount(c.Hi[(2 * i) + 1] ^ q[(4 * k) + 3]);
        if (d <= radius && c.Ids[i] != HashStore.Removed)
        {
            hits.Add(new RawHit(c.BasePosition + i, d, k));
        }
    }

    /// <summary>A parallel scan: chunks claimed one at a time by the calling thread and a helper.</summary>
    private sealed class ScanJob : Threading.SplitJob
    {
        private readonly HashStore _store;
        private readonly ScanKernel _kernel;
        private readonly ulong[] _queryWords;
        private readonly int _radius;
        private readonly List<RawHit>[] _hits = [[], []];

        public ScanJob(HashStore store, ScanKernel kernel, ulong[] queryWords, int radius)
            : base(store.ChunkCount)
        {
            _store = store;
            _kernel = kernel;
            _queryWords = queryWords;
            _radius = radius;
        }

        public void CopyHitsTo(List<RawHit> hits)
        {
            hits.AddRange(_hits[0]);
            hits.AddRange(_hits[1]);
        }

        protected override void RunBlock(int block, int worker) => ScanChunk(_store, block, _kernel, _queryWords, _radius, _hits[worker]);
    }

    /// <summary>One chunk's columns and its first position.</summary>
    private readonly record struct ChunkView(ulong[] Lo, ulong[] Hi, long[] Ids, int BasePosition);
}
