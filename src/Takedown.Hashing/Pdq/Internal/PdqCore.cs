using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The hashing pipeline behind <see cref="PdqHasher"/>: size guard, blur and decimation (by kernel),
/// quality, DCT, median and bits. Scratch lives on the stack (64x64 and smaller) or in
/// <see cref="PdqScratch"/> (the vector kernels' planes and rings, cache-line aligned) or
/// <see cref="System.Buffers.ArrayPool{T}"/> (the scalar kernel's planes), so a steady-state call allocates nothing.
/// </summary>
[SkipLocalsInit]
internal static class PdqCore
{
    /// <summary>The kernel <see cref="PdqKernel.Auto"/> resolves to on this machine.</summary>
    /// <remarks>
    /// A requested vector kernel the machine cannot run natively falls back to the next narrower one.
    /// </remarks>
    public static PdqKernel Resolve(PdqKernel kernel)
    {
        if (kernel is PdqKernel.Auto or PdqKernel.Vector256)
        {
            if (PdqLanes256.IsSupported && Vector256.IsHardwareAccelerated)
            {
                return PdqKernel.Vector256;
            }

            kernel = PdqKernel.Vector128;
        }

        if (kernel == PdqKernel.Vector128)
        {
            return PdqLanes128.IsSupported ? PdqKernel.Vector128 : PdqKernel.Scalar;
        }

        return PdqKernel.Scalar;
    }

    /// <summary>The plain hash (the reference's <c>pdqHash256FromFloatLuma</c>, with its 64x64 fast path).</summary>
    public static PdqResult Hash(in PdqInput input, PdqKernel kernel, PdqTrace? trace = null)
    {
        if (input.Rows < PdqGeometry.MinHashableDimension || input.Cols < PdqGeometry.MinHashableDimension)
        {
            return new PdqResult(PdqHash.Zero, 0);
        }

        kernel = Resolve(kernel);
        Span<float> buffer64x64 = stackalloc float[64 * 64];
        Span<float> dct = stackalloc float[16 * 16];
        int quality = Transform(input, kernel, fastPath: true, buffer64x64, dct, trace);
        return new PdqResult(PdqBits.ToHash(dct), quality);
    }

    /// <summary>The eight dihedral hashes (the reference's <c>pdqDihedralHash256esFromFloatLuma</c>: no fast path).</summary>
    public static PdqDihedralResult HashDihedral(in PdqInput input, PdqKernel kernel, PdqTrace? trace = null)
    {
        PdqDihedralResult.HashArray hashes = default;
        if (input.Rows < PdqGeometry.MinHashableDimension || input.Cols < PdqGeometry.MinHashableDimension)
        {
            return new PdqDihedralResult(hashes, 0);
        }

        kernel = Resolve(kernel);
        Span<float> buffer64x64 = stackalloc float[64 * 64];
        Span<float> dct = stackalloc float[16 * 16];
        int quality = Transform(input, kernel, fastPath: false, buffer64x64, dct, trace);
        PdqBits.Dihedral(dct, ref hashes);
        return new PdqDihedralResult(hashes, quality);
    }

    /// <summary>Fills the luma plane with the given kernel's luma routine (test hook for the FNV intermediates).</summary>
    public static void FillLuma(in PdqInput input, PdqKernel kernel, Span<float> luma)
    {
        switch (Resolve(kernel))
        {
            case PdqKernel.Vector256:
                FillLumaVector<PdqLanes256, PdqVector256>(input, luma);
                break;
            case PdqKernel.Vector128:
                FillLumaVector<PdqLanes128, PdqVector128>(input, luma);
                break;
            default:
                PdqScalarKernel.FillLuma(input, luma);
                break;
        }
    }

    private static void FillLumaVector<TLanes, TVector>(in PdqInput input, Span<float> luma)
        where TLanes : struct, IPdqLanes<TVector>
        where TVector : struct
    {
        int cols = input.Cols;
        Span<float> row = new float[cols + TLanes.Count];
        Span<byte> gathered = new byte[(cols * 3) + 32];
        int[] sourceCols = new int[input.Resized ? cols : 0];
        for (int x = 0; x < sourceCols.Length; x++)
        {
            sourceCols[x] = input.SourceCol(x);
        }

        for (int i = 0; i < input.Rows; i++)
        {
            PdqVectorKernel<TLanes, TVector>.FillLumaRow(input, i, row, gathered, sourceCols);
            row[..cols].CopyTo(luma.Slice(i * cols, cols));
        }
    }

    private static int Transform(in PdqInput input, PdqKernel kernel, bool fastPath, Span<float> buffer64x64, Span<float> dct, PdqTrace? trace)
    {
        if (fastPath && input.Rows == 64 && input.Cols == 64)
        {
            // The reference copies an exactly 64x64 input and skips the filter.
            for (int i = 0; i < 64; i++)
            {
                input.FillLumaRowScalar(i, buffer64x64.Slice(i * 64, 64));
            }
        }
        else if (kernel == PdqKernel.Vector256)
        {
            PdqVectorKernel<PdqLanes256, PdqVector256>.Downsample(input, buffer64x64);
        }
        else if (kernel == PdqKernel.Vector128)
        {
            PdqVectorKernel<PdqLanes128, PdqVector128>.Downsample(input, buffer64x64);
        }
        else
        {
            PdqScalarKernel.Downsample(input, buffer64x64);
        }

        int quality = PdqQuality.Compute(buffer64x64, kernel);
        PdqDct.Dct64To16(buffer64x64, dct, kernel);
        if (trace is not null)
        {
            buffer64x64.CopyTo(trace.Buffer64x64);
            dct.CopyTo(trace.Dct16x16);
        }

        return quality;
    }
}
