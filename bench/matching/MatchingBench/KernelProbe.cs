using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Takedown.Hashing.Pdq;
using Takedown.Matching.Flat;
using Takedown.Matching.Storage;

namespace MatchingBench;

/// <summary>
/// Experimental scan-kernel probe (not used by run.sh): one thread, CPU ns per entry of candidate loop shapes over
/// the store's prefix column, at DRAM size and at cache size.
/// </summary>
internal static class KernelProbe
{
    public static void Run(int count, int passes)
    {
        var random = new Random(7);
        var store = new HashStore();
        store.EnsureCapacity(count);
        for (int i = 0; i < count; i++)
        {
            store.Append(DataFiles.RandomHash(random), i);
        }

        var queries = new ulong[32];
        for (int i = 0; i < queries.Length; i++)
        {
            queries[i] = (ulong)random.NextInt64();
        }

        var one = queries[..4];
        var hits = new List<RawHit>();
        (string Name, Action Scan)[] variants =
        [
            ("lib-v256-1q", () => { for (int c = 0; c < store.ChunkCount; c++) { FlatScanner.ScanChunk(store, c, ScanKernel.Vector256, one, 31, hits); } }),
            ("lib-scalar-1q", () => { for (int c = 0; c < store.ChunkCount; c++) { FlatScanner.ScanChunk(store, c, ScanKernel.Scalar, one, 31, hits); } }),
            ("lib-v256-8q", () => { for (int c = 0; c < store.ChunkCount; c++) { FlatScanner.ScanChunk(store, c, ScanKernel.Vector256, queries, 31, hits); } }),
            ("lib-scalar-8q", () => { for (int c = 0; c < store.ChunkCount; c++) { FlatScanner.ScanChunk(store, c, ScanKernel.Scalar, queries, 31, hits); } }),
            ("x-v256-1q-8wide", () => Each(store, c => Wide1(c, one, 31, 0))),
            ("x-v256-1q-8wide-pf512", () => Each(store, c => Wide1(c, one, 31, 512))),
            ("x-v256-1q-8wide-pf1024", () => Each(store, c => Wide1(c, one, 31, 1024))),
            ("x-v256-1q-8wide-pf2048", () => Each(store, c => Wide1(c, one, 31, 2048))),
            ("x-v256-1q-8wide-pf4096", () => Each(store, c => Wide1(c, one, 31, 4096))),
            ("x-v256-1q-tr", () => Each(store, c => Tr1(c, one, 31, 0))),
            ("x-v256-1q-tr-pf1024", () => Each(store, c => Tr1(c, one, 31, 1024))),
            ("x-v256-8q-tr", () => Each(store, c => Tr8(c, queries, 31))),
            ("x-v256-8q-or", () => Each(store, c => Or8(c, queries, 31))),
        ];
        var best = new long[variants.Length];
        Array.Fill(best, long.MaxValue);
        for (int p = 0; p < passes; p++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                long start = ThreadCpuTime.Nanoseconds();
                variants[v].Scan();
                best[v] = Math.Min(best[v], ThreadCpuTime.Nanoseconds() - start);
            }
        }

        for (int v = 0; v < variants.Length; v++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"probe n={count} {variants[v].Name} ns_per_entry={(double)best[v] / count:0.000} g_entries_per_s={count / (double)best[v]:0.000}"));
        }
    }

    private static void Each(HashStore store, Action<ulong[]> scan)
    {
        for (int c = 0; c < store.ChunkCount; c++)
        {
            scan(store.LoChunk(c));
        }
    }

    private static int s_sink;

    // Mula: |(popcount(lo) + 4) - (4 - popcount(hi))| summed by vpsadbw = popcount of the byte.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Sad(Vector256<ulong> x)
    {
        Vector256<byte> lowTable = Vector256.Create((byte)4, 5, 5, 6, 5, 6, 6, 7, 5, 6, 6, 7, 6, 7, 7, 8, 4, 5, 5, 6, 5, 6, 6, 7, 5, 6, 6, 7, 6, 7, 7, 8);
        Vector256<byte> highTable = Vector256.Create((byte)4, 3, 3, 2, 3, 2, 2, 1, 3, 2, 2, 1, 2, 1, 1, 0, 4, 3, 3, 2, 3, 2, 2, 1, 3, 2, 2, 1, 2, 1, 1, 0);
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        Vector256<byte> low = x.AsByte() & nibble;
        Vector256<byte> high = (x.AsUInt16() >> 4).AsByte() & nibble;
        return Avx2.SumAbsoluteDifferences(Avx2.Shuffle(lowTable, low), Avx2.Shuffle(highTable, high)).AsUInt64();
    }

    private static unsafe void Wide1(ulong[] column, ulong[] q, int radius, int prefetchBytes)
    {
        fixed (ulong* p0 = column)
        {
            int count = column.Length / 2;
            Vector256<ulong> qv = Vector256.Create(q[0], q[1], q[0], q[1]);
            Vector256<int> limit = Vector256.Create(radius + 1);
            int found = 0;
            byte* pf = (byte*)p0 + prefetchBytes;
            for (int i = 0; i + 8 <= count; i += 8)
            {
                ulong* e = p0 + (2 * i);
                if (prefetchBytes != 0)
                {
                    Sse.Prefetch0(pf + (16 * i));
                    Sse.Prefetch0(pf + (16 * i) + 64);
                }

                Vector256<ulong> sa = Sad(Avx.LoadVector256(e) ^ qv);
                Vector256<ulong> sb = Sad(Avx.LoadVector256(e + 4) ^ qv);
                Vector256<ulong> sc = Sad(Avx.LoadVector256(e + 8) ^ qv);
                Vector256<ulong> sd = Sad(Avx.LoadVector256(e + 12) ^ qv);
                Vector256<int> t = (sa | (sb << 32)).AsInt32();
                Vector256<int> u = (sc | (sd << 32)).AsInt32();
                Vector256<int> d1 = t + Avx2.Shuffle(t, 0b01_00_11_10);
                Vector256<int> d2 = u + Avx2.Shuffle(u, 0b01_00_11_10);
                Vector256<int> m = Vector256.GreaterThan(limit, Avx2.Min(d1, d2));
                int mask = Avx.MoveMask(m.AsSingle()) & 0b0011_0011;
                if (mask != 0)
                {
                    found++;
                }
            }

            s_sink += found;
        }
    }

    // Eight queries: each entry's 128 bits broadcast to both lanes against four vectors of two query prefixes.
    private static unsafe void Bcast8(ulong[] column, ulong[] q, int radius)
    {
        fixed (ulong* p0 = column)
        {
            int count = column.Length / 2;
            Vector256<ulong> q01 = Vector256.Create(q[0], q[1], q[4], q[5]);
            Vector256<ulong> q23 = Vector256.Create(q[8], q[9], q[12], q[13]);
            Vector256<ulong> q45 = Vector256.Create(q[16], q[17], q[20], q[21]);
            Vector256<ulong> q67 = Vector256.Create(q[24], q[25], q[28], q[29]);
            Vector256<int> limit = Vector256.Create(radius + 1);
            int found = 0;
            for (int i = 0; i < count; i++)
            {
                Vector256<ulong> x = Avx2.BroadcastVector128ToVector256(p0 + (2 * i));
                Vector256<int> a = (Sad(x ^ q01) | (Sad(x ^ q23) << 32)).AsInt32();
                Vector256<int> b = (Sad(x ^ q45) | (Sad(x ^ q67) << 32)).AsInt32();
                Vector256<int> da = a + Avx2.Shuffle(a, 0b01_00_11_10);
                Vector256<int> db = b + Avx2.Shuffle(b, 0b01_00_11_10);
                if (Avx.MoveMask(Vector256.GreaterThan(limit, Avx2.Min(da, db)).AsSingle()) != 0)
                {
                    found++;
                }
            }

            s_sink += found;
        }
    }

    // Eight queries: four entries per step against each broadcast query, compare results OR-ed, one branch per step.
    private static unsafe void Or8(ulong[] column, ulong[] q, int radius)
    {
        fixed (ulong* p0 = column)
        {
            int count = column.Length / 2;
            Span<Vector256<ulong>> qv = stackalloc Vector256<ulong>[8];
            for (int k = 0; k < 8; k++)
            {
                qv[k] = Vector256.Create(q[4 * k], q[(4 * k) + 1], q[4 * k], q[(4 * k) + 1]);
            }

            Vector256<ulong> q0 = qv[0], q1 = qv[1], q2 = qv[2], q3 = qv[3], q4 = qv[4], q5 = qv[5], q6 = qv[6], q7 = qv[7];
            Vector256<int> limit = Vector256.Create(radius + 1);
            int found = 0;
            for (int i = 0; i + 4 <= count; i += 4)
            {
                Vector256<ulong> a = Avx.LoadVector256(p0 + (2 * i));
                Vector256<ulong> b = Avx.LoadVector256(p0 + (2 * i) + 4);
                Vector256<int> m = Pair(a, b, q0) ;
                m = Avx2.Min(m, Pair(a, b, q1));
                m = Avx2.Min(m, Pair(a, b, q2));
                m = Avx2.Min(m, Pair(a, b, q3));
                m = Avx2.Min(m, Pair(a, b, q4));
                m = Avx2.Min(m, Pair(a, b, q5));
                m = Avx2.Min(m, Pair(a, b, q6));
                m = Avx2.Min(m, Pair(a, b, q7));
                if ((Avx.MoveMask(Vector256.GreaterThan(limit, m).AsSingle()) & 0b0011_0011) != 0)
                {
                    found++;
                }
            }

            s_sink += found;
        }
    }

    private static unsafe void Tr1(ulong[] column, ulong[] q, int radius, int prefetchBytes)
    {
        fixed (ulong* p0 = column)
        {
            int count = column.Length / 2;
            Vector256<ulong> qa = Vector256.Create(q[0]);
            Vector256<ulong> qb = Vector256.Create(q[1]);
            Vector256<long> limit = Vector256.Create((long)radius + 1);
            int found = 0;
            byte* pf = (byte*)p0 + prefetchBytes;
            for (int i = 0; i + 8 <= count; i += 8)
            {
                ulong* e = p0 + (2 * i);
                if (prefetchBytes != 0)
                {
                    Sse.Prefetch0(pf + (16 * i));
                    Sse.Prefetch0(pf + (16 * i) + 64);
                }

                Vector256<ulong> a = Avx.LoadVector256(e);
                Vector256<ulong> b = Avx.LoadVector256(e + 4);
                Vector256<ulong> c = Avx.LoadVector256(e + 8);
                Vector256<ulong> d = Avx.LoadVector256(e + 12);
                Vector256<ulong> d1 = Sad(Avx2.UnpackLow(a, b) ^ qa) + Sad(Avx2.UnpackHigh(a, b) ^ qb);
                Vector256<ulong> d2 = Sad(Avx2.UnpackLow(c, d) ^ qa) + Sad(Avx2.UnpackHigh(c, d) ^ qb);
                Vector256<long> m = Avx2.CompareGreaterThan(limit, (d1.AsInt32() + (d2 << 32).AsInt32()).AsInt64());
                if (Avx2.CompareGreaterThan(limit.AsInt32(), (d1 | (d2 << 32)).AsInt32()).AsByte().ExtractMostSignificantBits() != 0)
                {
                    found++;
                }

                GC.KeepAlive(m);
            }

            s_sink += found;
        }
    }

    private static unsafe void Tr8(ulong[] column, ulong[] q, int radius)
    {
        fixed (ulong* p0 = column)
        {
            int count = column.Length / 2;
            Vector256<byte> nib = Vector256.Create((byte)0x0F);
            Span<Vector256<byte>> qn = stackalloc Vector256<byte>[32];
            for (int k = 0; k < 8; k++)
            {
                Vector256<byte> wa = Vector256.Create(q[4 * k]).AsByte();
                Vector256<byte> wb = Vector256.Create(q[(4 * k) + 1]).AsByte();
                qn[4 * k] = wa & nib;
                qn[(4 * k) + 1] = (wa.AsUInt16() >> 4).AsByte() & nib;
                qn[(4 * k) + 2] = wb & nib;
                qn[(4 * k) + 3] = (wb.AsUInt16() >> 4).AsByte() & nib;
            }

            Vector256<byte> lowTable = Vector256.Create((byte)4, 5, 5, 6, 5, 6, 6, 7, 5, 6, 6, 7, 6, 7, 7, 8, 4, 5, 5, 6, 5, 6, 6, 7, 5, 6, 6, 7, 6, 7, 7, 8);
            Vector256<byte> highTable = Vector256.Create((byte)4, 3, 3, 2, 3, 2, 2, 1, 3, 2, 2, 1, 2, 1, 1, 0, 4, 3, 3, 2, 3, 2, 2, 1, 3, 2, 2, 1, 2, 1, 1, 0);
            Vector256<ulong> limit = Vector256.Create((ulong)radius + 1);
            ref Vector256<byte> q0 = ref qn[0];
            int found = 0;
            for (int i = 0; i + 4 <= count; i += 4)
            {
                Vector256<ulong> a = Avx.LoadVector256(p0 + (2 * i));
                Vector256<ulong> b = Avx.LoadVector256(p0 + (2 * i) + 4);
                Vector256<byte> wa = Avx2.UnpackLow(a, b).AsByte();
                Vector256<byte> wb = Avx2.UnpackHigh(a, b).AsByte();
                Vector256<byte> al = wa & nib, ah = (wa.AsUInt16() >> 4).AsByte() & nib;
                Vector256<byte> bl = wb & nib, bh = (wb.AsUInt16() >> 4).AsByte() & nib;
                Vector256<ulong> m = limit;
                for (int k = 0; k < 8; k++)
                {
                    ref Vector256<byte> qk = ref Unsafe.Add(ref q0, 4 * k);
                    Vector256<ulong> d = Avx2.SumAbsoluteDifferences(Avx2.Shuffle(lowTable, al ^ qk), Avx2.Shuffle(highTable, ah ^ Unsafe.Add(ref qk, 1))).AsUInt64() +
                        Avx2.SumAbsoluteDifferences(Avx2.Shuffle(lowTable, bl ^ Unsafe.Add(ref qk, 2)), Avx2.Shuffle(highTable, bh ^ Unsafe.Add(ref qk, 3))).AsUInt64();
                    m = Avx2.Min(m.AsUInt32(), d.AsUInt32()).AsUInt64();
                }

                if (Vector256.LessThan(m.AsUInt32(), limit.AsUInt32()).ExtractMostSignificantBits() != 0)
                {
                    found++;
                }
            }

            s_sink += found;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Pair(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> q)
    {
        Vector256<int> t = (Sad(a ^ q) | (Sad(b ^ q) << 32)).AsInt32();
        return t + Avx2.Shuffle(t, 0b01_00_11_10);
    }
}
