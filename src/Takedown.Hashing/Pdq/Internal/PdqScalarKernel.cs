using System.Buffers;
using System.Diagnostics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The filter stage as a plain port of the reference (<c>downscaling.cpp</c>): full-size float planes,
/// two Jarosz passes (rows, columns, rows, columns), then point decimation to 64x64. Kept as the
/// readable baseline the vector kernels are tested against.
/// </summary>
internal static class PdqScalarKernel
{
    /// <summary>Blurs and decimates <paramref name="input"/> into the 64x64 buffer (fast path not handled here).</summary>
    public static void Downsample(in PdqInput input, Span<float> buffer64x64)
    {
        int rows = input.Rows;
        int cols = input.Cols;
        long size = (long)rows * cols;
        if (size > Array.MaxLength)
        {
            throw new NotSupportedException($"A {cols}x{rows} image is too large for the scalar kernel.");
        }

        float[] buffer1 = ArrayPool<float>.Shared.Rent((int)size);
        float[] buffer2 = ArrayPool<float>.Shared.Rent((int)size);
        try
        {
            FillLuma(input, buffer1);
            int windowAlongRows = PdqGeometry.WindowSize(cols);
            int windowAlongCols = PdqGeometry.WindowSize(rows);
            for (int pass = 0; pass < PdqGeometry.JaroszPasses; pass++)
            {
                for (int i = 0; i < rows; i++)
                {
                    Box1D(buffer1.AsSpan(i * cols), buffer2.AsSpan(i * cols), cols, 1, windowAlongRows);
                }

                for (int j = 0; j < cols; j++)
                {
                    Box1D(buffer2.AsSpan(j), buffer1.AsSpan(j), rows, cols, windowAlongCols);
                }
            }

            Decimate(buffer1, rows, cols, buffer64x64);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer2);
            ArrayPool<float>.Shared.Return(buffer1);
        }
    }

    /// <summary>Fills the whole luma plane (rows x cols, row-major).</summary>
    public static void FillLuma(in PdqInput input, Span<float> luma)
    {
        for (int i = 0; i < input.Rows; i++)
        {
            input.FillLumaRowScalar(i, luma.Slice(i * input.Cols, input.Cols));
        }
    }

    /// <summary>
    /// The reference's <c>box1DFloat</c>: a running float sum, add before subtract, true division
    /// by the current window count.
    /// </summary>
    public static void Box1D(ReadOnlySpan<float> input, Span<float> output, int length, int stride, int window)
    {
        int half = (window + 2) / 2;
        int phase1 = half - 1;
        int phase2 = window - half + 1;
        int phase3 = length - window;
        int phase4 = half - 1;
        int li = 0;
        int ri = 0;
        int oi = 0;
        float sum = 0f;
        int count = 0;

        for (int i = 0; i < phase1; i++)
        {
            sum += input[ri];
            count++;
            ri += stride;
        }

        for (int i = 0; i < phase2; i++)
        {
            sum += input[ri];
            count++;
            output[oi] = sum / count;
            ri += stride;
            oi += stride;
        }

        for (int i = 0; i < phase3; i++)
        {
            sum += input[ri];
            sum -= input[li];
            output[oi] = sum / count;
            li += stride;
            ri += stride;
            oi += stride;
        }

        for (int i = 0; i < phase4; i++)
        {
            sum -= input[li];
            count--;
            output[oi] = sum / count;
            li += stride;
            oi += stride;
        }
    }

    /// <summary>Point-samples the 64x64 grid of centres, <c>(int)(((i + 0.5) * n) / 64)</c> in double.</summary>
    public static void Decimate(ReadOnlySpan<float> plane, int rows, int cols, Span<float> buffer64x64)
    {
        Debug.Assert(buffer64x64.Length >= 64 * 64);
        for (int i = 0; i < 64; i++)
        {
            int sourceRow = PdqGeometry.SampleIndex(i, rows);
            for (int j = 0; j < 64; j++)
            {
                buffer64x64[(i * 64) + j] = plane[(sourceRow * cols) + PdqGeometry.SampleIndex(j, cols)];
            }
        }
    }
}
