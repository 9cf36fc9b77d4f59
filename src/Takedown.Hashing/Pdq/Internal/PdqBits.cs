using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// Median and thresholding of the 16x16 DCT output (the reference's <c>torben</c> and
/// <c>pdqBuffer16x16ToBits</c>), and the eight dihedral sign/transpose transforms.
/// </summary>
[SkipLocalsInit]
internal static class PdqBits
{
    /// <summary>
    /// The value the reference's Torben median returns for 256 values: the 128th smallest
    /// (<c>sorted[127]</c>). Quickselect on a copy; any exact selection gives the same value.
    /// </summary>
    public static float Median(ReadOnlySpan<float> values)
    {
        Debug.Assert(values.Length == 256);
        Span<float> work = stackalloc float[256];
        values.CopyTo(work);
        int lo = 0;
        int hi = 255;
        const int K = 127;
        while (hi > lo)
        {
            // Median-of-three pivot, Hoare partition.
            int mid = lo + ((hi - lo) >> 1);
            float x = work[lo], y = work[mid], z = work[hi];
            float pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (work[i] < pivot)
                {
                    i++;
                }

                while (work[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (work[i], work[j]) = (work[j], work[i]);
                    i++;
                    j--;
                }
            }

            if (K <= j)
            {
                hi = j;
            }
            else if (K >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return work[K];
    }

    /// <summary>Bit <c>i*16+j</c> is set when <c>b[i][j] &gt; median</c> (strictly).</summary>
    public static PdqHash ToHash(ReadOnlySpan<float> b, float median)
    {
        Debug.Assert(b.Length >= 256);
        Span<ulong> words = stackalloc ulong[4];
        words.Clear();
        for (int k = 0; k < 256; k++)
        {
            if (b[k] > median)
            {
                words[k >> 6] |= 1UL << (k & 63);
            }
        }

        return PdqHash.FromWords(words);
    }

    /// <summary>Hash of the 16x16 DCT output: median then threshold.</summary>
    public static PdqHash ToHash(ReadOnlySpan<float> b) => ToHash(b, Median(b));

    /// <summary>
    /// The eight dihedral hashes from the original DCT output. Transposes do not change the multiset of
    /// values, so each transposed transform shares its median with a non-transposed one.
    /// </summary>
    public static void Dihedral(ReadOnlySpan<float> a, ref PdqDihedralResult.HashArray hashes)
    {
        Span<float> aux = stackalloc float[256];

        float medianOriginal = Median(a);
        hashes[(int)Pdq.Dihedral.Original] = ToHash(a, medianOriginal);
        Transform(a, aux, transpose: true, sign: static (i, j) => false);
        hashes[(int)Pdq.Dihedral.FlipPlus1] = ToHash(aux, medianOriginal);

        // flipy: B[i][j] = (j odd ? +A : -A); rot90: B[j][i] = the same signs, transposed.
        Transform(a, aux, transpose: false, sign: static (i, j) => (j & 1) == 0);
        float medianFlipY = Median(aux);
        hashes[(int)Pdq.Dihedral.FlipY] = ToHash(aux, medianFlipY);
        Transform(a, aux, transpose: true, sign: static (i, j) => (j & 1) == 0);
        hashes[(int)Pdq.Dihedral.Rotate90] = ToHash(aux, medianFlipY);

        // flipx: B[i][j] = (i odd ? +A : -A); rot270: B[j][i] = the same signs, transposed.
        Transform(a, aux, transpose: false, sign: static (i, j) => (i & 1) == 0);
        float medianFlipX = Median(aux);
        hashes[(int)Pdq.Dihedral.FlipX] = ToHash(aux, medianFlipX);
        Transform(a, aux, transpose: true, sign: static (i, j) => (i & 1) == 0);
        hashes[(int)Pdq.Dihedral.Rotate270] = ToHash(aux, medianFlipX);

        // rot180: B[i][j] = ((i+j) odd ? -A : +A); flipminus1: B[j][i] = the same signs, transposed.
        Transform(a, aux, transpose: false, sign: static (i, j) => ((i + j) & 1) != 0);
        float medianRotate180 = Median(aux);
        hashes[(int)Pdq.Dihedral.Rotate180] = ToHash(aux, medianRotate180);
        Transform(a, aux, transpose: true, sign: static (i, j) => ((i + j) & 1) != 0);
        hashes[(int)Pdq.Dihedral.FlipMinus1] = ToHash(aux, medianRotate180);
    }

    /// <summary>Writes <c>B[i][j]</c> (or <c>B[j][i]</c> when transposing) <c>= negate(i, j) ? -A[i][j] : A[i][j]</c>.</summary>
    private static void Transform(ReadOnlySpan<float> a, Span<float> b, bool transpose, Func<int, int, bool> sign)
    {
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 16; j++)
            {
                float v = a[(i * 16) + j];
                b[transpose ? (j * 16) + i : (i * 16) + j] = sign(i, j) ? -v : v;
            }
        }
    }
}
