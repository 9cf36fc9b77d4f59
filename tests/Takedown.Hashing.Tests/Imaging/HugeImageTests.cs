using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>A 12000×9000 (108 MP) JPEG generated once at test time from a reference image.</summary>
public sealed class HugeJpegFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public HugeJpegFixture()
    {
        Path = _temp.File("huge-12000x9000.jpg");
        using var source = NetVips.Image.NewFromFile(ImagingReferenceData.PathOf("images/misc-images/modes/RGB.jpg"));
        using var big = source.Resize(12000.0 / source.Width, vscale: 9000.0 / source.Height);
        big.Jpegsave(Path, q: 90);
    }

    public string Path { get; }

    public void Dispose() => _temp.Dispose();
}

public sealed class HugeImageTests(HugeJpegFixture huge) : IClassFixture<HugeJpegFixture>
{
    [Fact]
    public void ComputeHash_108MegapixelsUnderARaisedLimit_HashesLikeTheSmallOriginal()
    {
        // Given
        var decoder = new ImageDecoder(new ImageDecodeOptions { MaxPixels = 120_000_000 });
        PdqResult small = ImageHasher.ComputeHash(ImagingReferenceData.PathOf("images/misc-images/modes/RGB.jpg"));

        // When
        using DecodedImage image = decoder.Decode(huge.Path);
        PdqResult result = ImageHasher.ComputeHash(image);

        // Then: decoded at 1/8 scale, sampled to 512x512, and the same picture.
        (image.SourceWidth, image.SourceHeight).ShouldBe((12000, 9000));
        image.ShrinkFactor.ShouldBe(8);
        (image.Width, image.Height).ShouldBe((512, 512));
        result.Quality.ShouldBeGreaterThanOrEqualTo(80);
        PdqHash.Distance(result.Hash, small.Hash).ShouldBeLessThanOrEqualTo(16);
    }

    [Fact]
    public void Decode_108MegapixelsAboveDefaultLimit_ThrowsTooManyPixels()
    {
        var e = Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(huge.Path));

        e.Error.ShouldBe(ImageDecodeError.TooManyPixels);
        e.Reason.ShouldBe("image is 12000x9000 (108 megapixels), above the limit of 100 megapixels");
    }

    [Fact]
    public void Decode_LowerLimit_ThrowsTooManyPixels()
    {
        var decoder = new ImageDecoder(new ImageDecodeOptions { MaxPixels = 10_000_000 });

        Should.Throw<ImageDecodeException>(() => decoder.Decode(huge.Path)).Error.ShouldBe(ImageDecodeError.TooManyPixels);
    }
}
