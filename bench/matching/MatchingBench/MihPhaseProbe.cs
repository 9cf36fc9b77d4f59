using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Takedown.Hashing.Pdq;
using Takedown.Matching.MultiIndex;
using Takedown.Matching.Storage;

namespace MatchingBench;

/// <summary>
/// Phase probe for one multi-index segment (not used by run.sh): thread CPU per query spent gathering candidates
/// and verifying them with a few loop shapes, on one thread.
/// </summary>
internal static unsafe class MihPhaseProbe
{
    public static void Run(string hashesPath, string queriesPath, int passes)
    {
        PdqHash[] hashes = DataFiles.Read(hashesPath);
        PdqHash[] queries = DataFiles.Read(queriesPath);
        var store = new HashStore();
        store.EnsureCapacity(hashes.Length);
        for (int i = 0; i < hashes.Length; i++)
        {
            store.Append(hashes[i], i);
        }

        hashes = [];
        MihSegment segment = MihSegment.Build(store, 0, store.Count);
        HugePages.Enabled = Environment.GetEnvironmentVariable("MATCHING_HUGE_PAGES") != "0";
        store.UseHugePages();
        var candidates = new CandidateBuffer();
        ReadOnlySpan<ushort> masks = FlipMasks.UpTo(1);
        Span<int> keys = stackalloc int[16];
        Span<ulong> words = stackalloc ulong[4];
        string[] names = ["gather", "verify-lib", "verify-nopf", "verify-pf16", "verify-pf64", "verify-ptr", "verify-ptr4", "verify-hot", "gather-hot", "verify-ptr4-hot"];
        var cpu = new double[names.Length][];
        for (int v = 0; v < names.Length; v++)
        {
            cpu[v] = new double[passes];
        }

        long total = 0;
        long survivors = 0;
        for (int p = 0; p < passes; p++)
        {
            foreach (PdqHash q in queries)
            {
                q.CopyTo(words);
                for (int t = 0; t < 16; t++)
                {
                    keys[t] = Slots.Key(words, t);
                }

                candidates.Clear();
                long start = ThreadCpuTime.Nanoseconds();
                segment.GatherAll(keys, masks, candidates);
                long end = ThreadCpuTime.Nanoseconds();
                cpu[0][p] += end - start;
                total += candidates.Count;
                int variant = 1 + (int)((uint)(p + total) % (names.Length - 3));
                start = ThreadCpuTime.Nanoseconds();
                survivors += variant switch
                {
                    1 => Verify(store, candidates.Items, words, 31, 32),
                    2 => Verify(store, candidates.Items, words, 31, 0),
                    3 => Verify(store, candidates.Items, words, 31, 16),
                    4 => Verify(store, candidates.Items, words, 31, 64),
                    5 => VerifyPtr(store, candidates.Items, words, 31),
                    6 => VerifyPtr4(store, candidates.Items, words, 31),
                    _ => 0,
                };
                if (variant == 7)
                {
                    VerifyPtr4(store, candidates.Items, words, 31);
                    start = ThreadCpuTime.Nanoseconds();
                    VerifyPtr4(store, candidates.Items, words, 31);
                    cpu[9][p] += ThreadCpuTime.Nanoseconds() - start;
                    Verify(store, candidates.Items, words, 31, 32);
                    start = ThreadCpuTime.Nanoseconds();
                    Verify(store, candidates.Items, words, 31, 32);
                    cpu[7][p] += ThreadCpuTime.Nanoseconds() - start;
                    candidates.Clear();
                    segment.GatherAll(keys, masks, candidates);
                    candidates.Clear();
                    start = ThreadCpuTime.Nanoseconds();
                    segment.GatherAll(keys, masks, candidates);
                    cpu[8][p] += ThreadCpuTime.Nanoseconds() - start;
                    continue;
                }

                survivors += variant switch
                {
                    _ => 0,
                };
                cpu[variant][p] += ThreadCpuTime.Nanoseconds() - start;
            }
        }

        foreach (string line in File.ReadLines("/proc/self/smaps_rollup"))
        {
            if (line.StartsWith("AnonHugePages", StringComparison.Ordinal) || line.StartsWith("Rss", StringComparison.Ordinal))
            {
                Console.WriteLine("  " + line);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase n={store.Count} candidates/query={(double)total / passes / queries.Length:0} survivors={survivors}"));
        for (int v = 0; v < names.Length; v++)
        {
            double perQuery = v == 0 ? cpu[v].Sum() / passes / queries.Length : cpu[v].Sum() / passes / queries.Length * (names.Length - 3);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {names[v],-14} {perQuery / 1e3,8:0.0} us/query  {perQuery / ((double)total / passes / queries.Length),6:0.0} ns/candidate"));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Verify(HashStore store, ReadOnlySpan<int> candidates, ReadOnlySpan<ulong> q, int radius, int distance)
    {
        ulong q0 = q[0], q1 = q[1];
        int found = 0;
        for (int j = 0; j < candidates.Length; j++)
        {
            if (distance > 0 && j + distance < candidates.Length)
            {
                Sse.Prefetch0(store.LoAddress(candidates[j + distance]));
            }

            ulong* lo = store.LoAddress(candidates[j]);
            int d = BitOperations.PopCount(lo[0] ^ q0) + BitOperations.PopCount(lo[1] ^ q1);
            found += d <= radius ? 1 : 0;
        }

        return found;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int VerifyPtr4(HashStore store, ReadOnlySpan<int> candidates, ReadOnlySpan<ulong> q, int radius)
    {
        Span<nint> bases = stackalloc nint[store.ChunkCount];
        for (int c = 0; c < bases.Length; c++)
        {
            bases[c] = (nint)store.LoAddress(c << HashStore.ChunkShift);
        }

        ref nint b = ref bases[0];
        ulong q0 = q[0], q1 = q[1];
        int found = 0;
        int n = candidates.Length;
        ref int cand = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(candidates);
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            if (j + 36 <= n)
            {
                for (int u = 32; u < 36; u++)
                {
                    int a = Unsafe.Add(ref cand, j + u);
                    Sse.Prefetch0((void*)(Unsafe.Add(ref b, a >> HashStore.ChunkShift) + ((a & HashStore.ChunkMask) * 16)));
                }
            }

            int p0 = Unsafe.Add(ref cand, j), p1 = Unsafe.Add(ref cand, j + 1), p2 = Unsafe.Add(ref cand, j + 2), p3 = Unsafe.Add(ref cand, j + 3);
            ulong* l0 = (ulong*)(Unsafe.Add(ref b, p0 >> HashStore.ChunkShift) + ((p0 & HashStore.ChunkMask) * 16));
            ulong* l1 = (ulong*)(Unsafe.Add(ref b, p1 >> HashStore.ChunkShift) + ((p1 & HashStore.ChunkMask) * 16));
            ulong* l2 = (ulong*)(Unsafe.Add(ref b, p2 >> HashStore.ChunkShift) + ((p2 & HashStore.ChunkMask) * 16));
            ulong* l3 = (ulong*)(Unsafe.Add(ref b, p3 >> HashStore.ChunkShift) + ((p3 & HashStore.ChunkMask) * 16));
            int d0 = BitOperations.PopCount(l0[0] ^ q0) + BitOperations.PopCount(l0[1] ^ q1);
            int d1 = BitOperations.PopCount(l1[0] ^ q0) + BitOperations.PopCount(l1[1] ^ q1);
            int d2 = BitOperations.PopCount(l2[0] ^ q0) + BitOperations.PopCount(l2[1] ^ q1);
            int d3 = BitOperations.PopCount(l3[0] ^ q0) + BitOperations.PopCount(l3[1] ^ q1);
            if (Math.Min(Math.Min(d0, d1), Math.Min(d2, d3)) <= radius)
            {
                found += (d0 <= radius ? 1 : 0) + (d1 <= radius ? 1 : 0) + (d2 <= radius ? 1 : 0) + (d3 <= radius ? 1 : 0);
            }
        }

        for (; j < n; j++)
        {
            int p0 = Unsafe.Add(ref cand, j);
            ulong* l0 = (ulong*)(Unsafe.Add(ref b, p0 >> HashStore.ChunkShift) + ((p0 & HashStore.ChunkMask) * 16));
            found += BitOperations.PopCount(l0[0] ^ q0) + BitOperations.PopCount(l0[1] ^ q1) <= radius ? 1 : 0;
        }

        return found;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int VerifyPtr(HashStore store, ReadOnlySpan<int> candidates, ReadOnlySpan<ulong> q, int radius)
    {
        Span<nint> bases = stackalloc nint[store.ChunkCount];
        for (int c = 0; c < bases.Length; c++)
        {
            bases[c] = (nint)store.LoAddress(c << HashStore.ChunkShift);
        }

        ulong q0 = q[0], q1 = q[1];
        int found = 0;
        int n = candidates.Length;
        for (int j = 0; j < n; j++)
        {
            if (j + 32 < n)
            {
                int a = candidates[j + 32];
                Sse.Prefetch0((void*)(bases[a >> HashStore.ChunkShift] + ((a & HashStore.ChunkMask) * 16)));
            }

            int position = candidates[j];
            ulong* lo = (ulong*)(bases[position >> HashStore.ChunkShift] + ((position & HashStore.ChunkMask) * 16));
            int d = BitOperations.PopCount(lo[0] ^ q0) + BitOperations.PopCount(lo[1] ^ q1);
            found += d <= radius ? 1 : 0;
        }

        return found;
    }
}
