using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Tests.Pdq;

public sealed class PdqHasherValidationTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(-1, 10)]
    public void ComputeHash_SizeBelowOne_Throws(int width, int height)
    {
        byte[] pixels = new byte[300];
        Should.Throw<ArgumentOutOfRangeException>(() => PdqHasher.ComputeHash(pixels, width, height, 30, PdqPixelFormat.Rgb24));
    }

    [Fact]
    public void ComputeHash_StrideBelowRowBytes_Throws()
    {
        byte[] pixels = new byte[1000];
        Should.Throw<ArgumentOutOfRangeException>(() => PdqHasher.ComputeHash(pixels, 10, 10, 29, PdqPixelFormat.Rgb24))
            .ParamName.ShouldBe("stride");
    }

    [Fact]
    public void ComputeHash_PixelsTooShort_Throws()
    {
        // 10 rows of stride 40 need 9*40 + 30 = 390 bytes.
        byte[] pixels = new byte[389];
        Should.Throw<ArgumentException>(() => PdqHasher.ComputeHash(pixels, 10, 10, 40, PdqPixelFormat.Rgb24))
            .ParamName.ShouldBe("pixels");
        Should.NotThrow(() => PdqHasher.ComputeHash(new byte[390], 10, 10, 40, PdqPixelFormat.Rgb24));
    }

    [Fact]
    public void ComputeHash_UnknownFormat_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PdqHasher.ComputeHash(new byte[100], 10, 10, 10, (PdqPixelFormat)7))
            .ParamName.ShouldBe("format");
    }

    [Fact]
    public void ComputeHashFromLuma_LumaTooShort_Throws()
    {
        Should.Throw<ArgumentException>(() => PdqHasher.ComputeHashFromLuma(new float[99], 10, 10)).ParamName.ShouldBe("luma");
        Should.Throw<ArgumentException>(() => PdqHasher.ComputeDihedralHashesFromLuma(new float[99], 10, 10)).ParamName.ShouldBe("luma");
    }

    [Fact]
    public void DihedralIndexer_UndefinedTransform_Throws()
    {
        PdqDihedralResult result = PdqHasher.ComputeDihedralHashesFromLuma(new float[100], 10, 10);
        Should.Throw<ArgumentOutOfRangeException>(() => result[(Dihedral)8]);
    }

    [Fact]
    public void DihedralResult_CopyTo_WritesAllEightInOrder()
    {
        // Given
        byte[] pixels = PdqEdgeCaseTests.Noise(40 * 30 * 3, seed: 1);
        PdqDihedralResult result = PdqHasher.ComputeDihedralHashes(pixels, 40, 30, 120, PdqPixelFormat.Rgb24);
        var hashes = new PdqHash[8];

        // When
        result.CopyTo(hashes);

        // Then
        for (int d = 0; d < 8; d++)
        {
            hashes[d].ShouldBe(result[(Dihedral)d]);
        }

        result.GetResult(Dihedral.Rotate90).ShouldBe(new PdqResult(result[Dihedral.Rotate90], result.Quality));
        hashes.Distinct().Count().ShouldBe(8);
    }

    [Fact]
    public void ComputeHash_SteadyState_AllocatesNothing()
    {
        // Given
        byte[] pixels = PdqEdgeCaseTests.Noise(512 * 512 * 3, seed: 1);
        float[] luma = new float[1280 * 720];
        _ = PdqHasher.ComputeHash(pixels, 512, 512, 1536, PdqPixelFormat.Rgb24);
        _ = PdqHasher.ComputeDihedralHashes(pixels, 512, 512, 1536, PdqPixelFormat.Rgb24);
        _ = PdqHasher.ComputeHashFromLuma(luma, 1280, 720);

        // When: the fewest bytes over a few rounds. The kernels' planes come from ArrayPool.Shared, whose
        // per-core stacks other test threads share (and which it trims under memory pressure), so one round can
        // see a plane re-created; an allocation made by the hashing itself shows in every round.
        long allocated = long.MaxValue;
        for (int round = 0; round < 5 && allocated > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            _ = PdqHasher.ComputeHash(pixels, 512, 512, 1536, PdqPixelFormat.Rgb24);
            _ = PdqHasher.ComputeDihedralHashes(pixels, 512, 512, 1536, PdqPixelFormat.Rgb24);
            _ = PdqHasher.ComputeHashFromLuma(luma, 1280, 720);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // Then
        allocated.ShouldBe(0);
    }
}
