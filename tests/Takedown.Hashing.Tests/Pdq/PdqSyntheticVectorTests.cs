using System.Collections.Concurrent;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

/// <summary>
/// Every row of the reference's <c>synthetic-vectors.csv</c>, through every available kernel: hash,
/// quality, the seven other dihedral hashes, and the FNV-1a-64 of the luma, 64x64 and DCT buffers.
/// </summary>
public sealed class PdqSyntheticVectorTests
{
    private static readonly Lazy<Dictionary<string, SyntheticVector>> s_vectors =
        new(() => PdqReferenceData.SyntheticVectors().ToDictionary(v => v.Id, StringComparer.Ordinal));

    private static readonly ConcurrentDictionary<string, byte[]> s_pixels = new(StringComparer.Ordinal);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string id in s_vectors.Value.Keys)
        {
            foreach (PdqKernel kernel in PdqTestKernels.Available())
            {
                data.Add(id, kernel.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hash_SyntheticVector_MatchesReferenceBitForBit(string id, string kernelName)
    {
        // Given
        SyntheticVector vector = s_vectors.Value[id];
        PdqKernel kernel = PdqTestKernels.Parse(kernelName);
        byte[] pixels = PixelsOf(vector);
        var input = PdqInput.FromPixels(pixels, vector.Cols, vector.Rows, vector.Cols * 3, PdqPixelFormat.Rgb24, vector.FileMode);
        var trace = new PdqTrace();

        // When
        PdqResult result = PdqCore.Hash(input, kernel, trace);

        // Then
        if (vector.Rows < 5 || vector.Cols < 5)
        {
            // The reference leaves its buffers zeroed for inputs under the minimum size.
            vector.Fnv64x64.ShouldBe(Fnv1a64.OfFloats(new float[64 * 64]));
        }
        else
        {
            Fnv1a64.OfFloats(trace.Buffer64x64).ShouldBe(vector.Fnv64x64, "64x64 buffer");
            Fnv1a64.OfFloats(trace.Dct16x16).ShouldBe(vector.FnvDct16, "DCT output");
        }

        result.Hash.ToString().ShouldBe(vector.Hash);
        result.Quality.ShouldBe(vector.Quality);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FillLuma_SyntheticVector_MatchesReferenceChecksum(string id, string kernelName)
    {
        // Given
        SyntheticVector vector = s_vectors.Value[id];
        var input = PdqInput.FromPixels(PixelsOf(vector), vector.Cols, vector.Rows, vector.Cols * 3, PdqPixelFormat.Rgb24, vector.FileMode);
        float[] luma = new float[input.Rows * input.Cols];

        // When
        PdqCore.FillLuma(input, PdqTestKernels.Parse(kernelName), luma);

        // Then
        Fnv1a64.OfFloats(luma).ShouldBe(vector.FnvLuma);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HashDihedral_SyntheticVector_MatchesReferenceBitForBit(string id, string kernelName)
    {
        // Given
        SyntheticVector vector = s_vectors.Value[id];
        var input = PdqInput.FromPixels(PixelsOf(vector), vector.Cols, vector.Rows, vector.Cols * 3, PdqPixelFormat.Rgb24, vector.FileMode);

        // When
        PdqDihedralResult result = PdqCore.HashDihedral(input, PdqTestKernels.Parse(kernelName));

        // Then
        Dihedral[] others = [Dihedral.Rotate90, Dihedral.Rotate180, Dihedral.Rotate270, Dihedral.FlipX, Dihedral.FlipY, Dihedral.FlipPlus1, Dihedral.FlipMinus1];
        for (int k = 0; k < others.Length; k++)
        {
            result[others[k]].ToString().ShouldBe(vector.Dihedral[k], others[k].ToString());
        }

        if (input.Rows != 64 || input.Cols != 64)
        {
            // Only the plain routine has the 64x64 fast path; otherwise both agree.
            result.Original.ToString().ShouldBe(vector.Hash);
            result.Quality.ShouldBe(vector.Quality);
        }
    }

    [Fact]
    public void PublicApi_SyntheticVectors_MatchReference()
    {
        foreach (SyntheticVector vector in s_vectors.Value.Values)
        {
            // Given
            byte[] pixels = PixelsOf(vector);

            // When
            PdqResult result = vector.FileMode
                ? PdqHasher.ComputeHash(pixels, vector.Cols, vector.Rows, vector.Cols * 3, PdqPixelFormat.Rgb24)
                : PdqHasher.ComputeHashNoResize(pixels, vector.Cols, vector.Rows, vector.Cols * 3, PdqPixelFormat.Rgb24);
            PdqDihedralResult dihedral = vector.FileMode
                ? PdqHasher.ComputeDihedralHashes(pixels, vector.Cols, vector.Rows, vector.Cols * 3, PdqPixelFormat.Rgb24)
                : PdqHasher.ComputeDihedralHashesNoResize(pixels, vector.Cols, vector.Rows, vector.Cols * 3, PdqPixelFormat.Rgb24);

            // Then
            result.Hash.ToString().ShouldBe(vector.Hash, vector.Id);
            result.Quality.ShouldBe(vector.Quality, vector.Id);
            dihedral[Dihedral.Rotate90].ToString().ShouldBe(vector.Dihedral[0], vector.Id);
            dihedral[Dihedral.FlipMinus1].ToString().ShouldBe(vector.Dihedral[6], vector.Id);
        }
    }

    internal static byte[] PixelsOf(SyntheticVector vector) => s_pixels.GetOrAdd(vector.Id, _ => vector.GeneratePixels());
}
