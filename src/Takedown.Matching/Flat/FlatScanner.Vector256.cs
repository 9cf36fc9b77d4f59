using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Storage;

namespace Takedown.Matching.Flat;

internal static partial class FlatScanner
{
    /// <summary>
    /// AVX2 kernel, four entries per step. A 256-bit vector holds two entries' first 128 bits (one per 128-bit lane).
    /// Popcount per byte by two nibble lookups (vpshufb), then vpsadbw sums each 8-byte half into a 64-bit lane;
    /// the two halves of an entry are added and compared with the radius as 32-bit lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanVector256(ChunkView c, int count, ulong[] q, int queries, int radius, List<RawHit> hits)
    {
        ref ulong lo = ref MemoryMarshal.GetArrayDataReference(c.Lo);
        Span<Vector256<ulong>> qv = stackalloc Vector256<ulong>[queries];
        for (int k = 0; k < queries; k++)
        {
            // The query's first 128 bits in both lanes.
            qv[k] = Vector256.Create(q[4 * k], q[(4 * k) + 1], q[4 * k], q[(4 * k) + 1]);
        }

        Vector256<int> limit = Vector256.Create(radius + 1);
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            Vector256<ulong> a = Vector256.LoadUnsafe(ref lo, (nuint)(2 * i));       // entries i, i+1
            Vector256<ulong> b = Vector256.LoadUnsafe(ref lo, (nuint)((2 * i) + 4)); // entries i+2, i+3
            for (int k = 0; k < queries; k++)
            {
                Vector256<ulong> sa = Avx2.SumAbsoluteDifferences(PopCountBytes(a ^ qv[k]), Vector256<byte>.Zero).AsUInt64();
                Vector256<ulong> sb = Avx2.SumAbsoluteDifferences(PopCountBytes(b ^ qv[k]), Vector256<byte>.Zero).AsUInt64();

                // 32-bit lanes: [i.h0, i+2.h0, i.h1, i+2.h1 | i+1.h0, i+3.h0, i+1.h1, i+3.h1] (h = 64-bit half).
                Vector256<int> t = (sa | (sb << 32)).AsInt32();

                // Swap the 64-bit halves within each 128-bit lane and add: lanes 0, 1, 4, 5 hold d(i), d(i+2), d(i+1), d(i+3).
                Vector256<int> d = t + Avx2.Shuffle(t, 0b01_00_11_10);
                int mask = Avx.MoveMask(Vector256.GreaterThan(limit, d).AsSingle()) & 0b0011_0011;
                if (mask != 0)
                {
                    CheckMask(c, i, mask, q, k, radius, hits);
                }
            }
        }

        ScanScalar(c, i, count, q, queries, radius, hits);
    }

    /// <summary>Checks the entries flagged in a four-entry mask (bit 0: i, 4: i+1, 1: i+2, 5: i+3).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckMask(ChunkView c, int i, int mask, ulong[] q, int k, int radius, List<RawHit> hits)
    {
        if ((mask & 0b0000_0001) != 0)
        {
            CheckSurvivor(c, i, q, k, radius, hits);
        }

        if ((mask & 0b0001_0000) != 0)
        {
            CheckSurvivor(c, i + 1, q, k, radius, hits);
        }

        if ((mask & 0b0000_0010) != 0)
        {
            CheckSurvivor(c, i + 2, q, k, radius, hits);
        }

        if ((mask & 0b0010_0000) != 0)
        {
            CheckSurvivor(c, i + 3, q, k, radius, hits);
        }
    }

    /// <summary>Per-byte popcount: look up the low and the high nibble of every byte in a 16-entry table (vpshufb).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> PopCountBytes(Vector256<ulong> x)
    {
        Vector256<byte> table = Vector256.Create(
            (byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        Vector256<byte> low = x.AsByte() & nibble;
        Vector256<byte> high = (x.AsUInt16() >> 4).AsByte() & nibble;
        return Avx2.Shuffle(table, low) + Avx2.Shuffle(table, high);
    }
}
