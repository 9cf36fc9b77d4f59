using Takedown.Hashing.Pdq;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

/// <summary>
/// Every row of the reference's <c>reference-hashes.csv</c>: the exact pixels the reference hashed
/// (<c>pixels/*.png</c>, already resized) must give the same eight hashes and quality, bit for bit.
/// </summary>
public sealed class PdqReferenceImageTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (ReferenceImage image in PdqReferenceData.ReferenceImages())
        {
            foreach (PdqKernel kernel in PdqTestKernels.Available())
            {
                data.Add(image.File, kernel.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HashDihedral_ReferencePixels_MatchesReference(string file, string kernelName)
    {
        // Given
        ReferenceImage image = PdqReferenceData.ReferenceImages().Single(i => i.File == file);
        (byte[] pixels, int width, int height, PdqPixelFormat format) = LoadPixels(image);
        var input = PdqInput.FromPixels(pixels, width, height, width * (format == PdqPixelFormat.Rgb24 ? 3 : 1), format, fileMode: true);

        // When
        PdqResult plain = PdqCore.Hash(input, PdqTestKernels.Parse(kernelName));
        PdqDihedralResult dihedral = PdqCore.HashDihedral(input, PdqTestKernels.Parse(kernelName));

        // Then
        for (int d = 0; d < PdqDihedralResult.Count; d++)
        {
            dihedral[(Dihedral)d].ToString().ShouldBe(image.Hashes[d], ((Dihedral)d).ToString());
        }

        dihedral.Quality.ShouldBe(image.Quality);
        if (width != 64 || height != 64)
        {
            plain.Hash.ToString().ShouldBe(image.Hashes[0]);
            plain.Quality.ShouldBe(image.Quality);
        }
    }

    [Fact]
    public void ComputeHash_ReferencePixels_MatchesReference()
    {
        foreach (ReferenceImage image in PdqReferenceData.ReferenceImages())
        {
            // Given
            (byte[] pixels, int width, int height, PdqPixelFormat format) = LoadPixels(image);
            int stride = width * (format == PdqPixelFormat.Rgb24 ? 3 : 1);

            // When
            PdqResult result = PdqHasher.ComputeHash(pixels, width, height, stride, format);
            PdqDihedralResult dihedral = PdqHasher.ComputeDihedralHashes(pixels, width, height, stride, format);

            // Then
            result.Hash.ToString().ShouldBe(image.Hashes[0], image.File);
            result.Quality.ShouldBe(image.Quality, image.File);
            dihedral[Dihedral.FlipPlus1].ToString().ShouldBe(image.Hashes[6], image.File);
        }
    }

    /// <summary>Decodes a pixels PNG with NetVips; spectrum 1 is one grey channel, spectrum 3 is RGB.</summary>
    internal static (byte[] Pixels, int Width, int Height, PdqPixelFormat Format) LoadPixels(ReferenceImage image)
    {
        using var vips = NetVips.Image.NewFromFile(PdqReferenceData.PathOf(Path.Combine("pixels", image.PixelsPng)));
        vips.Format.ShouldBe(NetVips.Enums.BandFormat.Uchar, image.PixelsPng);
        vips.Bands.ShouldBe(image.Spectrum, image.PixelsPng);
        byte[] pixels = vips.WriteToMemory<byte>();
        PdqPixelFormat format = image.Spectrum == 1 ? PdqPixelFormat.Grey8 : PdqPixelFormat.Rgb24;
        return (pixels, vips.Width, vips.Height, format);
    }
}
