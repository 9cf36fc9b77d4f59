using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The reference's <c>dct64To16</c>: <c>T = D·A</c> (16x64) then <c>B = T·Dᵀ</c> (16x16), every output a
/// float sum from 0 over k = 0..63 in order, multiply then add (no FMA). The vector forms put
/// independent outputs in lanes, so each lane performs the reference's exact sequence.
/// </summary>
[SkipLocalsInit]
internal static partial class PdqDct
{
    /// <summary>D as floats, 16 rows of 64.</summary>
    private static readonly float[] s_matrix = MemoryMarshal.Cast<uint, float>(MatrixBits).ToArray();

    /// <summary>Dᵀ as floats, 64 rows of 16 (so the second product can put j in lanes).</summary>
    private static readonly float[] s_transposed = Transpose(s_matrix);

    /// <summary>The DCT matrix (16 x 64, row-major).</summary>
    public static ReadOnlySpan<float> Matrix => s_matrix;

    /// <summary>Computes the 16x16 DCT of the 64x64 buffer with the given kernel.</summary>
    public static void Dct64To16(ReadOnlySpan<float> a, Span<float> b, PdqKernel kernel)
    {
        Debug.Assert(a.Length >= 64 * 64 && b.Length >= 16 * 16);
        Span<float> t = stackalloc float[16 * 64];
        switch (kernel)
        {
            case PdqKernel.Vector256:
                Vector256Dct(a, t, b);
                break;
            case PdqKernel.Vector128:
                Vector128Dct(a, t, b);
                break;
            default:
                ScalarDct(a, t, b);
                break;
        }
    }

    private static void ScalarDct(ReadOnlySpan<float> a, Span<float> t, Span<float> b)
    {
        ReadOnlySpan<float> d = s_matrix;
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 64; j++)
            {
                float sum = 0f;
                for (int k = 0; k < 64; k++)
                {
                    sum += d[(i * 64) + k] * a[(k * 64) + j];
                }

                t[(i * 64) + j] = sum;
            }
        }

        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 16; j++)
            {
                float sum = 0f;
                for (int k = 0; k < 64; k++)
                {
                    sum += t[(i * 64) + k] * d[(j * 64) + k];
                }

                b[(i * 16) + j] = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Vector256Dct(ReadOnlySpan<float> a, Span<float> t, Span<float> b)
    {
        ref float d = ref MemoryMarshal.GetArrayDataReference(s_matrix);
        ref float dt = ref MemoryMarshal.GetArrayDataReference(s_transposed);
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rt = ref MemoryMarshal.GetReference(t);
        ref float rb = ref MemoryMarshal.GetReference(b);

        // T[i][j..j+31] in four accumulators: lanes are independent columns j.
        for (nuint i = 0; i < 16; i++)
        {
            for (nuint j = 0; j < 64; j += 32)
            {
                Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (nuint k = 0; k < 64; k++)
                {
                    var dik = Vector256.Create(Unsafe.Add(ref d, (i * 64) + k));
                    nuint row = (k * 64) + j;
                    s0 += dik * Vector256.LoadUnsafe(ref ra, row);
                    s1 += dik * Vector256.LoadUnsafe(ref ra, row + 8);
                    s2 += dik * Vector256.LoadUnsafe(ref ra, row + 16);
                    s3 += dik * Vector256.LoadUnsafe(ref ra, row + 24);
                }

                s0.StoreUnsafe(ref rt, (i * 64) + j);
                s1.StoreUnsafe(ref rt, (i * 64) + j + 8);
                s2.StoreUnsafe(ref rt, (i * 64) + j + 16);
                s3.StoreUnsafe(ref rt, (i * 64) + j + 24);
            }
        }

        // B[i][j..j+15] = sum_k T[i][k] * D[j][k]: lanes are j, Dᵀ row k holds D[0..15][k].
        for (nuint i = 0; i < 16; i++)
        {
            Vector256<float> s0 = Vector256<float>.Zero, s1 = s0;
            for (nuint k = 0; k < 64; k++)
            {
                var tik = Vector256.Create(Unsafe.Add(ref rt, (i * 64) + k));
                s0 += tik * Vector256.LoadUnsafe(ref dt, k * 16);
                s1 += tik * Vector256.LoadUnsafe(ref dt, (k * 16) + 8);
            }

            s0.StoreUnsafe(ref rb, i * 16);
            s1.StoreUnsafe(ref rb, (i * 16) + 8);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Vector128Dct(ReadOnlySpan<float> a, Span<float> t, Span<float> b)
    {
        ref float d = ref MemoryMarshal.GetArrayDataReference(s_matrix);
        ref float dt = ref MemoryMarshal.GetArrayDataReference(s_transposed);
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rt = ref MemoryMarshal.GetReference(t);
        ref float rb = ref MemoryMarshal.GetReference(b);

        for (nuint i = 0; i < 16; i++)
        {
            for (nuint j = 0; j < 64; j += 16)
            {
                Vector128<float> s0 = Vector128<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (nuint k = 0; k < 64; k++)
                {
                    var dik = Vector128.Create(Unsafe.Add(ref d, (i * 64) + k));
                    nuint row = (k * 64) + j;
                    s0 += dik * Vector128.LoadUnsafe(ref ra, row);
                    s1 += dik * Vector128.LoadUnsafe(ref ra, row + 4);
                    s2 += dik * Vector128.LoadUnsafe(ref ra, row + 8);
                    s3 += dik * Vector128.LoadUnsafe(ref ra, row + 12);
                }

                s0.StoreUnsafe(ref rt, (i * 64) + j);
                s1.StoreUnsafe(ref rt, (i * 64) + j + 4);
                s2.StoreUnsafe(ref rt, (i * 64) + j + 8);
                s3.StoreUnsafe(ref rt, (i * 64) + j + 12);
            }
        }

        for (nuint i = 0; i < 16; i++)
        {
            Vector128<float> s0 = Vector128<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (nuint k = 0; k < 64; k++)
            {
                var tik = Vector128.Create(Unsafe.Add(ref rt, (i * 64) + k));
                s0 += tik * Vector128.LoadUnsafe(ref dt, k * 16);
                s1 += tik * Vector128.LoadUnsafe(ref dt, (k * 16) + 4);
                s2 += tik * Vector128.LoadUnsafe(ref dt, (k * 16) + 8);
                s3 += tik * Vector128.LoadUnsafe(ref dt, (k * 16) + 12);
            }

            s0.StoreUnsafe(ref rb, i * 16);
            s1.StoreUnsafe(ref rb, (i * 16) + 4);
            s2.StoreUnsafe(ref rb, (i * 16) + 8);
            s3.StoreUnsafe(ref rb, (i * 16) + 12);
        }
    }

    private static float[] Transpose(float[] matrix)
    {
        float[] result = new float[64 * 16];
        for (int i = 0; i < 16; i++)
        {
            for (int k = 0; k < 64; k++)
            {
                result[(k * 16) + i] = matrix[(i * 64) + k];
            }
        }

        return result;
    }
}
