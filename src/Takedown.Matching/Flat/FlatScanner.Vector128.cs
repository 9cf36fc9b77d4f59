using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Takedown.Matching.Storage;

namespace Takedown.Matching.Flat;

internal static partial class FlatScanner
{
    /// <summary>
    /// SSSE3 kernel, two entries per step: one 128-bit vector per entry's first 128 bits, nibble-table popcount
    /// (pshufb), psadbw into two 64-bit halves, halves added and compared as 32-bit lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScanVector128(ChunkView c, int count, ulong[] q, int queries, int radius, List<RawHit> hits)
    {
        ref ulong lo = ref MemoryMarshal.GetArrayDataReference(c.Lo);
        Span<Vector128<ulong>> qv = stackalloc Vector128<ulong>[queries];
        for (int k = 0; k < queries; k++)
        {
            qv[k] = Vector128.Create(q[4 * k], q[(4 * k) + 1]);
        }

        Vector128<int> limit = Vector128.Create(radius + 1);
        int i = 0;
        for (; i + 2 <= count; i += 2)
        {
            Vector128<ulong> a = Vector128.LoadUnsafe(ref lo, (nuint)(2 * i));       // entry i
            Vector128<ulong> b = Vector128.LoadUnsafe(ref lo, (nuint)((2 * i) + 2)); // entry i+1
            for (int k = 0; k < queries; k++)
            {
                Vector128<ulong> sa = Sse2.SumAbsoluteDifferences(PopCountBytes(a ^ qv[k]), Vector128<byte>.Zero).AsUInt64();
                Vector128<ulong> sb = Sse2.SumAbsoluteDifferences(PopCountBytes(b ^ qv[k]), Vector128<byte>.Zero).AsUInt64();

                // 32-bit lanes [i.h0, i+1.h0, i.h1, i+1.h1]; adding the swapped 64-bit halves leaves d(i), d(i+1) in lanes 0, 1.
                Vector128<int> t = (sa | (sb << 32)).AsInt32();
                Vector128<int> d = t + Sse2.Shuffle(t, 0b01_00_11_10);
                int mask = Sse.MoveMask(Vector128.GreaterThan(limit, d).AsSingle()) & 0b11;
                if ((mask & 1) != 0)
                {
                    CheckSurvivor(c, i, q, k, radius, hits);
                }

                if ((mask & 2) != 0)
                {
                    CheckSurvivor(c, i + 1, q, k, radius, hits);
                }
            }
        }

        ScanScalar(c, i, count, q, queries, radius, hits);
    }

    /// <summary>popcount(n) + 4 for each nibble n (with <see cref="HighNibbleTable"/>, a vpsadbw of the two lookups is the popcount).</summary>
    private static Vector128<byte> LowNibbleTable => Vector128.Create((byte)4, 5, 5, 6, 5, 6, 6, 7, 5, 6, 6, 7, 6, 7, 7, 8);

    /// <summary>4 - popcount(n) for each nibble n.</summary>
    private static Vector128<byte> HighNibbleTable => Vector128.Create((byte)4, 3, 3, 2, 3, 2, 2, 1, 3, 2, 2, 1, 2, 1, 1, 0);

    /// <summary>Per-byte popcount by two nibble lookups (pshufb).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> PopCountBytes(Vector128<ulong> x)
    {
        Vector128<byte> table = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        Vector128<byte> nibble = Vector128.Create((byte)0x0F);
        Vector128<byte> low = x.AsByte() & nibble;
        Vector128<byte> high = (x.AsUInt16() >> 4).AsByte() & nibble;
        return Ssse3.Shuffle(table, low) + Ssse3.Shuffle(table, high);
    }
}
