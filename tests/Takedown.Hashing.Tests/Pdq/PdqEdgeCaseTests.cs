using Takedown.Hashing.Pdq;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

/// <summary>
/// Sizes and layouts the reference vectors do not cover. The scalar kernel is a line-by-line port that
/// passes every reference vector; the vector kernels must agree with it bit for bit (64x64 buffer, DCT,
/// hash, quality), and the size rules (minimum 5, 512x512 pre-resize, 64x64 fast path) must hold.
/// </summary>
public sealed class PdqEdgeCaseTests
{
    public static TheoryData<int, int, bool> Sizes() => new()
    {
        { 5, 5, false },
        { 6, 7, false },
        { 64, 64, false },
        { 63, 64, false },
        { 65, 64, false },
        { 129, 130, false },
        { 257, 257, false },   // window 3
        { 300, 384, false },   // window 3 along rows and columns
        { 383, 258, false },
        { 513, 1, true },      // file mode: 512x512 from one row
        { 1, 513, true },
        { 2000, 300, true },   // non-square pre-resize, rows up-sampled
        { 300, 2000, true },
        { 720, 480, false },   // windows 6 and 4
        { 513, 512, false },
        { 1023, 17, false },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Hash_RgbSize_VectorKernelsMatchScalar(int width, int height, bool fileMode)
    {
        // Given
        byte[] pixels = Noise(width * height * 3, seed: (uint)((width * 31) + height));
        var input = PdqInput.FromPixels(pixels, width, height, width * 3, PdqPixelFormat.Rgb24, fileMode);

        // When / Then
        AssertKernelsAgree(input);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Hash_GreySize_VectorKernelsMatchScalar(int width, int height, bool fileMode)
    {
        // Given
        byte[] pixels = Noise(width * height, seed: (uint)((width * 17) + height));
        var input = PdqInput.FromPixels(pixels, width, height, width, PdqPixelFormat.Grey8, fileMode);

        // When / Then
        AssertKernelsAgree(input);
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(720, 480)]
    [InlineData(1920, 1080)]
    [InlineData(64, 64)]
    [InlineData(384, 257)]
    public void HashFromLuma_FrameSize_VectorKernelsMatchScalar(int width, int height)
    {
        // Given
        float[] luma = new float[width * height];
        byte[] noise = Noise(luma.Length, seed: 5);
        for (int k = 0; k < luma.Length; k++)
        {
            luma[k] = (noise[k] * 0.75f) + ((k % width) * 0.1f);
        }

        // When / Then
        AssertKernelsAgree(PdqInput.FromLuma(luma, width, height));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 100)]
    [InlineData(100, 4)]
    [InlineData(4, 4)]
    public void ComputeHash_SideUnderFive_ReturnsZeroHashQualityZero(int width, int height)
    {
        // Given
        byte[] pixels = Noise(width * height * 3, seed: 9);

        // When
        PdqResult result = PdqHasher.ComputeHash(pixels, width, height, width * 3, PdqPixelFormat.Rgb24);
        PdqDihedralResult dihedral = PdqHasher.ComputeDihedralHashes(pixels, width, height, width * 3, PdqPixelFormat.Rgb24);

        // Then
        result.ShouldBe(new PdqResult(PdqHash.Zero, 0));
        dihedral.Quality.ShouldBe(0);
        for (int d = 0; d < PdqDihedralResult.Count; d++)
        {
            dihedral[(Dihedral)d].ShouldBe(PdqHash.Zero);
        }
    }

    [Fact]
    public void ComputeHash_FiveByFive_IsHashed()
    {
        // Given
        byte[] pixels = Noise(5 * 5 * 3, seed: 2);

        // When
        PdqResult result = PdqHasher.ComputeHash(pixels, 5, 5, 15, PdqPixelFormat.Rgb24);

        // Then
        result.Hash.PopCount.ShouldBeInRange(100, 140);
    }

    [Fact]
    public void Hash_Exactly64_PlainSkipsFilterButDihedralDoesNot()
    {
        // Given: the plain routine copies a 64x64 input; the dihedral routine runs the window-1 filter.
        byte[] pixels = Noise(64 * 64 * 3, seed: 4);
        var input = PdqInput.FromPixels(pixels, 64, 64, 64 * 3, PdqPixelFormat.Rgb24, fileMode: true);
        float[] luma = new float[64 * 64];
        PdqCore.FillLuma(input, PdqKernel.Scalar, luma);
        var plainTrace = new PdqTrace();
        var dihedralTrace = new PdqTrace();

        // When
        PdqResult plain = PdqCore.Hash(input, PdqKernel.Auto, plainTrace);
        PdqDihedralResult dihedral = PdqCore.HashDihedral(input, PdqKernel.Auto, dihedralTrace);

        // Then
        plainTrace.Buffer64x64.ShouldBe(luma);
        dihedralTrace.Buffer64x64.ShouldNotBe(luma);
        PdqHasher.ComputeHashFromLuma(luma, 64, 64).ShouldBe(plain);
        PdqHasher.ComputeDihedralHashesFromLuma(luma, 64, 64).ShouldBe(dihedral);
    }

    [Theory]
    [InlineData(2000, 300)]
    [InlineData(513, 1)]
    [InlineData(600, 520)]
    public void ComputeHash_LargerThan512_EqualsNearestNeighbourResizeThenBufferMode(int width, int height)
    {
        // Given: resize independently of the implementation, src = floor(dst * size / 512).
        byte[] pixels = Noise(width * height * 3, seed: 77);
        byte[] resized = new byte[512 * 512 * 3];
        for (int y = 0; y < 512; y++)
        {
            for (int x = 0; x < 512; x++)
            {
                int source = ((y * height / 512 * width) + (x * width / 512)) * 3;
                pixels.AsSpan(source, 3).CopyTo(resized.AsSpan(((y * 512) + x) * 3));
            }
        }

        // When
        PdqResult fileMode = PdqHasher.ComputeHash(pixels, width, height, width * 3, PdqPixelFormat.Rgb24);
        PdqResult bufferMode = PdqHasher.ComputeHashNoResize(resized, 512, 512, 512 * 3, PdqPixelFormat.Rgb24);
        PdqDihedralResult fileDihedral = PdqHasher.ComputeDihedralHashes(pixels, width, height, width * 3, PdqPixelFormat.Rgb24);
        PdqDihedralResult bufferDihedral = PdqHasher.ComputeDihedralHashesNoResize(resized, 512, 512, 512 * 3, PdqPixelFormat.Rgb24);

        // Then
        fileMode.ShouldBe(bufferMode);
        fileDihedral.ShouldBe(bufferDihedral);
    }

    [Fact]
    public void ComputeHashNoResize_LargerThan512_DiffersFromFileMode()
    {
        // Given
        byte[] pixels = Noise(700 * 600 * 3, seed: 8);

        // When
        PdqResult fileMode = PdqHasher.ComputeHash(pixels, 700, 600, 2100, PdqPixelFormat.Rgb24);
        PdqResult bufferMode = PdqHasher.ComputeHashNoResize(pixels, 700, 600, 2100, PdqPixelFormat.Rgb24);

        // Then
        bufferMode.ShouldNotBe(fileMode);
    }

    [Theory]
    [InlineData(PdqPixelFormat.Rgb24, 100, 80, 7)]
    [InlineData(PdqPixelFormat.Grey8, 100, 80, 3)]
    [InlineData(PdqPixelFormat.Rgb24, 900, 40, 64)]
    public void ComputeHash_StrideWithPadding_EqualsPackedRows(PdqPixelFormat format, int width, int height, int padding)
    {
        // Given
        int channels = format == PdqPixelFormat.Rgb24 ? 3 : 1;
        byte[] packed = Noise(width * height * channels, seed: 3);
        int stride = (width * channels) + padding;
        byte[] padded = Noise(stride * height, seed: 99);
        for (int y = 0; y < height; y++)
        {
            packed.AsSpan(y * width * channels, width * channels).CopyTo(padded.AsSpan(y * stride));
        }

        // When
        PdqResult fromPadded = PdqHasher.ComputeHash(padded.AsSpan(0, ((height - 1) * stride) + (width * channels)), width, height, stride, format);
        PdqResult fromPacked = PdqHasher.ComputeHash(packed, width, height, width * channels, format);

        // Then
        fromPadded.ShouldBe(fromPacked);
        PdqHasher.ComputeDihedralHashes(padded, width, height, stride, format)
            .ShouldBe(PdqHasher.ComputeDihedralHashes(packed, width, height, width * channels, format));
    }

    [Fact]
    public void ComputeHash_GreyPixels_EqualsLumaOfGreyValues()
    {
        // Given
        byte[] grey = Noise(90 * 70, seed: 12);
        float[] luma = grey.Select(g => (float)g).ToArray();

        // When
        PdqResult fromGrey = PdqHasher.ComputeHashNoResize(grey, 90, 70, 90, PdqPixelFormat.Grey8);

        // Then
        fromGrey.ShouldBe(PdqHasher.ComputeHashFromLuma(luma, 90, 70));
    }

    [Fact]
    public void ComputeHash_ConcurrentCallers_GetTheSameAnswers()
    {
        // Given
        byte[][] images = Enumerable.Range(0, 8).Select(i => Noise(300 * 200 * 3, seed: (uint)i)).ToArray();
        PdqResult[] expected = images.Select(p => PdqHasher.ComputeHash(p, 300, 200, 900, PdqPixelFormat.Rgb24)).ToArray();

        // When
        PdqResult[] actual = new PdqResult[64];
        Parallel.For(0, actual.Length, k => actual[k] = PdqHasher.ComputeHash(images[k % 8], 300, 200, 900, PdqPixelFormat.Rgb24));

        // Then
        for (int k = 0; k < actual.Length; k++)
        {
            actual[k].ShouldBe(expected[k % 8]);
        }
    }

    private static void AssertKernelsAgree(in PdqInput input)
    {
        var scalarTrace = new PdqTrace();
        PdqResult scalar = PdqCore.Hash(input, PdqKernel.Scalar, scalarTrace);
        PdqDihedralResult scalarDihedral = PdqCore.HashDihedral(input, PdqKernel.Scalar);
        float[] scalarLuma = new float[input.Rows * input.Cols];
        PdqCore.FillLuma(input, PdqKernel.Scalar, scalarLuma);
        foreach (PdqKernel kernel in PdqTestKernels.Available().Where(k => k != PdqKernel.Scalar))
        {
            var trace = new PdqTrace();
            PdqResult result = PdqCore.Hash(input, kernel, trace);
            float[] luma = new float[input.Rows * input.Cols];
            PdqCore.FillLuma(input, kernel, luma);

            luma.ShouldBe(scalarLuma, kernel.ToString());
            trace.Buffer64x64.ShouldBe(scalarTrace.Buffer64x64, kernel.ToString());
            trace.Dct16x16.ShouldBe(scalarTrace.Dct16x16, kernel.ToString());
            result.ShouldBe(scalar, kernel.ToString());
            PdqCore.HashDihedral(input, kernel).ShouldBe(scalarDihedral, kernel.ToString());
        }
    }

    internal static byte[] Noise(int length, uint seed)
    {
        byte[] bytes = new byte[length];
        uint state = seed;
        for (int k = 0; k < length; k++)
        {
            state = unchecked((state * 1664525) + 1013904223);
            bytes[k] = (byte)((state >> 24) ^ (k / 97));
        }

        return bytes;
    }
}
