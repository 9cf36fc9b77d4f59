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
    public static void Search(HashStore store, ScanKernel kernel, ulong[] queryWords, int radius, List<RawHit> hits)
    {
        int chunks = store.ChunkCount;
        int workers = Math.Min(Environment.ProcessorCount, chunks);
        if (store.Count < ParallelThreshold || workers < 2)
        {
            for (int c = 0; c < chunks; c++)
            {
                ScanChunk(store, c, kernel, queryWords, radius, hits);
            }

            return;
        }

        var partial = new List<RawHit>[workers];
        Parallel.For(0, workers, w =>
        {
            var local = new List<RawHit>();
            int from = (int)((long)chunks * w / workers);
            int to = (int)((long)chunks * (w + 1) / workers);
            for (int c = from; c < to; c++)
            {
                ScanChunk(store, c, kernel, queryWords, radius, local);
            }

            partial[w] = local;
        });
        foreach (List<RawHit> local in partial)
        {
            hits.AddRange(local);
        }
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
            for (int i = from; i < to; i++)
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

    /// <summary>One chunk's columns and its first position.</summary>
    private readonly record struct ChunkView(ulong[] Lo, ulong[] Hi, long[] Ids, int BasePosition);
}
