using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Storage;

namespace Takedown.Matching.Flat;

internal static partial class FlatScanner
{
    /// <summary>
    /// How far ahead of the scan the single-query kernel prefetches, in bytes of the prefix column. The hardware
    /// stream prefetcher stops at every 4 KB page boundary; a software prefetch one page ahead keeps DRAM busy
    /// across them (measured 1.94 against 1.48-1.55 ns per entry on one thread at 10M, `MatchingBench probe`).
    /// </summary>
    private const int PrefetchBytes = 4096;

    /// <summary>AVX2 kernel: the single-query or the multi-query loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanVector256(ChunkView c, int count, ulong[] q, int queries, int radius, List<RawHit> hits)
    {
        int scanned = queries == 1 ? ScanVector256Single(c, count, q, radius, hits) : ScanVector256Multi(c, count, q, queries, radius, hits);
        ScanScalar(c, scanned, count, q, queries, radius, hits);
    }

    /// <summary>
    /// One query, eight entries per step: the entries' two prefix words are separated into a first-word and a
    /// second-word vector (vpunpcklqdq/vpunpckhqdq of two loads), so that one vpsadbw per word vector yields each
    /// word's popcount in a 64-bit lane and one add gives four distances. One compare and one branch per eight
    /// entries; the flagged group is re-tested exactly. Returns the number of entries scanned (a multiple of 8).
    /// </summary>
    private static unsafe int ScanVector256Single(ChunkView c, int count, ulong[] q, int radius, List<RawHit> hits)
    {
        Vector256<ulong> q0 = Vector256.Create(q[0]);
        Vector256<ulong> q1 = Vector256.Create(q[1]);
        Vector256<int> limit = Vector256.Create(radius + 1);
        Vector256<byte> lowTable = Vector256.Create(LowNibbleTable);
        Vector256<byte> highTable = Vector256.Create(HighNibbleTable);
        Vector256<byte> mask = Vector256.Create((byte)0x0F);
        ulong* lo = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(c.Lo));
        int i = 0;
        for (; i + 8 <= count; i += 8)
        {
            ulong* e = lo + (2 * i);

            // Two cache lines per step, one page ahead; prefetching past the array's end is harmless (no fault).
            Sse.Prefetch0((byte*)e + PrefetchBytes);
            Sse.Prefetch0((byte*)e + PrefetchBytes + 64);
            Vector256<ulong> a = Avx.LoadVector256(e);
            Vector256<ulong> b = Avx.LoadVector256(e + 4);
            Vector256<ulong> d = Avx.LoadVector256(e + 8);
            Vector256<ulong> f = Avx.LoadVector256(e + 12);

            // 64-bit lanes: entries i, i+2, i+1, i+3 and i+4, i+6, i+5, i+7; distances below 2^32, upper halves zero.
            Vector256<ulong> d1 = PopCount64(Avx2.UnpackLow(a, b) ^ q0, lowTable, highTable, mask) +
                                  PopCount64(Avx2.UnpackHigh(a, b) ^ q1, lowTable, highTable, mask);
            Vector256<ulong> d2 = PopCount64(Avx2.UnpackLow(d, f) ^ q0, lowTable, highTable, mask) +
                                  PopCount64(Avx2.UnpackHigh(d, f) ^ q1, lowTable, highTable, mask);
            // Distances are at most 128, so the signed compare is exact.
            Vector256<int> near = Avx2.CompareGreaterThan(limit, (d1 | (d2 << 32)).AsInt32());
            if (Avx.MoveMask(near.AsSingle()) != 0)
            {
                CheckGroup(c, i, 8, q, 1, radius, hits);
            }
        }

        return i;
    }

    /// <summary>
    /// Several queries (the eight dihedral variants), four entries per step, compute bound: the entries' nibbles
    /// are split once per step and each query costs two XORs, two table lookups and one vpsadbw per word vector
    /// (the query's nibbles are split in advance), then a running minimum over the queries; one compare and one
    /// branch per step. Returns the number of entries scanned (a multiple of 4).
    /// </summary>
    private static unsafe int ScanVector256Multi(ChunkView c, int count, ulong[] q, int queries, int radius, List<RawHit> hits)
    {
        // Per query: low and high nibbles of prefix word 0, then of word 1, each broadcast to all four lanes.
        Vector256<byte>* first = stackalloc Vector256<byte>[4 * HammingIndex.MaxQueries];
        Vector256<byte> mask = Vector256.Create((byte)0x0F);
        for (int k = 0; k < queries; k++)
        {
            Vector256<byte> w0 = Vector256.Create(q[4 * k]).AsByte();
            Vector256<byte> w1 = Vector256.Create(q[(4 * k) + 1]).AsByte();
            first[4 * k] = w0 & mask;
            first[(4 * k) + 1] = (w0.AsUInt16() >> 4).AsByte() & mask;
            first[(4 * k) + 2] = w1 & mask;
            first[(4 * k) + 3] = (w1.AsUInt16() >> 4).AsByte() & mask;
        }

        Vector256<byte> lowTable = Vector256.Create(LowNibbleTable);
        Vector256<byte> highTable = Vector256.Create(HighNibbleTable);
        Vector256<int> limit = Vector256.Create(radius + 1);
        ulong* lo = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(c.Lo));
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            ulong* e = lo + (2 * i);
            Sse.Prefetch0((byte*)e + PrefetchBytes);
            Vector256<ulong> a = Avx.LoadVector256(e);
            Vector256<ulong> b = Avx.LoadVector256(e + 4);
            Vector256<byte> w0 = Avx2.UnpackLow(a, b).AsByte();  // word 0 of entries i, i+2, i+1, i+3
            Vector256<byte> w1 = Avx2.UnpackHigh(a, b).AsByte(); // word 1 of the same entries
            Vector256<byte> w0Low = w0 & mask;
            Vector256<byte> w0High = (w0.AsUInt16() >> 4).AsByte() & mask;
            Vector256<byte> w1Low = w1 & mask;
            Vector256<byte> w1High = (w1.AsUInt16() >> 4).AsByte() & mask;

            // Distances stay below 2^32 in each 64-bit lane, so a 32-bit minimum keeps the upper halves zero.
            Vector256<uint> nearest = Vector256<uint>.AllBitsSet;
            Vector256<byte>* qk = first;
            Vector256<byte>* end = first + (4 * queries);
            do
            {
                Vector256<ushort> s0 = Avx2.SumAbsoluteDifferences(Avx2.Shuffle(lowTable, w0Low ^ qk[0]), Avx2.Shuffle(highTable, w0High ^ qk[1]));
                Vector256<ushort> s1 = Avx2.SumAbsoluteDifferences(Avx2.Shuffle(lowTable, w1Low ^ qk[2]), Avx2.Shuffle(highTable, w1High ^ qk[3]));
                nearest = Avx2.Min(nearest, (s0 + s1).AsUInt32());
                qk += 4;
            }
            while (qk < end);

            // Only the low 32-bit half of each 64-bit lane holds a distance (the high halves are 0): mask them out.
            if ((Avx.MoveMask(Avx2.CompareGreaterThan(limit, nearest.AsInt32()).AsSingle()) & 0b0101_0101) != 0)
            {
                CheckGroup(c, i, 4, q, queries, radius, hits);
            }
        }

        return i;
    }

    /// <summary>Exact test of entries [<paramref name="i"/>, <paramref name="i"/>+<paramref name="length"/>) against every query (a vector test flagged the group).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckGroup(ChunkView c, int i, int length, ulong[] q, int queries, int radius, List<RawHit> hits)
    {
        for (int e = i; e < i + length; e++)
        {
            for (int k = 0; k < queries; k++)
            {
                CheckSurvivor(c, e, q, k, radius, hits);
            }
        }
    }

    /// <summary>The popcount of each 64-bit lane (Muła et al.): vpsadbw of |(popcount(low nibble) + 4) - (4 - popcount(high nibble))| over each byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> PopCount64(Vector256<ulong> x, Vector256<byte> lowTable, Vector256<byte> highTable, Vector256<byte> mask)
    {
        Vector256<byte> low = x.AsByte() & mask;
        Vector256<byte> high = (x.AsUInt16() >> 4).AsByte() & mask;
        return Avx2.SumAbsoluteDifferences(Avx2.Shuffle(lowTable, low), Avx2.Shuffle(highTable, high)).AsUInt64();
    }
}
