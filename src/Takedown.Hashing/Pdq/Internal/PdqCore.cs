using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The hashing pipeline behind <see cref="PdqHasher"/>: size guard, blur and decimation (by kernel),
/// quality, DCT, median and bits. Scratch lives on the stack (64x64 and smaller) or in
/// <see cref="System.Buffers.ArrayPool{T}"/> (planes), so a steady-state call allocates nothing.
/// </summary>
[SkipLocalsInit]
internal static class PdqCore
{
    /// <summary>The kernel <see cref="PdqKernel.Auto"/> resolves to on this machine.</summary>
    public static PdqKernel Resolve(PdqKernel kernel) => kernel switch
    {
        PdqKernel.Auto when Vector256.IsHardwareAccelerated => PdqKernel.Vector256,
        PdqKernel.Auto when Vector128.IsHardwareAccelerated => PdqKernel.Vector128,
        PdqKernel.Auto => PdqKernel.Scalar,
        _ => kernel,
    };

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
        _ = Resolve(kernel);
        PdqScalarKernel.FillLuma(input, luma);
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
