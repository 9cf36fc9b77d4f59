using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The reference's <c>pdqImageDomainQualityMetric</c>: over the 8064 vertical and horizontal neighbour
/// pairs of the 64x64 buffer, <c>sum += |(int)((u - v) * 100f / 255f)|</c>; quality is
/// <c>min(100, sum / 90)</c>. Float arithmetic per pair, integer sum (order free).
/// </summary>
internal static class PdqQuality
{
    public static int Compute(ReadOnlySpan<float> a, PdqKernel kernel)
    {
        Debug.Assert(a.Length >= 64 * 64);
        int sum = kernel == PdqKernel.Scalar || !Vector128.IsHardwareAccelerated ? SumScalar(a) : SumVector(a);
        return Math.Min(100, sum / 90);
    }

    private static int SumScalar(ReadOnlySpan<float> a)
    {
        int sum = 0;
        for (int i = 0; i < 63; i++)
        {
            for (int j = 0; j < 64; j++)
            {
                sum += Gradient(a[(i * 64) + j], a[((i + 1) * 64) + j]);
            }
        }

        for (int i = 0; i < 64; i++)
        {
            for (int j = 0; j < 63; j++)
            {
                sum += Gradient(a[(i * 64) + j], a[(i * 64) + j + 1]);
            }
        }

        return sum;
    }

    private static int Gradient(float u, float v) => Math.Abs((int)((u - v) * 100f / 255f));

    /// <summary>
    /// Four lanes of pairs at a time. Vertical pairs: row i against row i+1. Horizontal pairs: columns
    /// j..j+3 against j+1..j+4 for j in 0, 4, .., 56, then the last three pairs (60..62) scalar.
    /// Values are within ±100, so the truncating conversion never saturates.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumVector(ReadOnlySpan<float> a)
    {
        ref float r = ref MemoryMarshal.GetReference(a);
        var hundred = Vector128.Create(100f);
        var scale = Vector128.Create(255f);
        Vector128<int> acc = Vector128<int>.Zero;
        for (nuint i = 0; i < 63 * 64; i += 4)
        {
            Vector128<float> d = (Vector128.LoadUnsafe(ref r, i) - Vector128.LoadUnsafe(ref r, i + 64)) * hundred / scale;
            acc += Vector128.Abs(Vector128.ConvertToInt32(d));
        }

        int sum = Vector128.Sum(acc);
        acc = Vector128<int>.Zero;
        for (nuint i = 0; i < 64 * 64; i += 64)
        {
            for (nuint j = 0; j < 60; j += 4)
            {
                Vector128<float> d = (Vector128.LoadUnsafe(ref r, i + j) - Vector128.LoadUnsafe(ref r, i + j + 1)) * hundred / scale;
                acc += Vector128.Abs(Vector128.ConvertToInt32(d));
            }

            int row = (int)i;
            sum += Gradient(a[row + 60], a[row + 61]) + Gradient(a[row + 61], a[row + 62]) + Gradient(a[row + 62], a[row + 63]);
        }

        return sum + Vector128.Sum(acc);
    }
}
