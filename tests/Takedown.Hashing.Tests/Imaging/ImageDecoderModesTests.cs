using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>The PIL-mode images (misc-images/modes) and the EXIF orientation images.</summary>
public sealed class ImageDecoderModesTests
{
    [Fact]
    public void Decode_BilevelPng_OneChannelOfBlackAndWhite()
    {
        // When
        using DecodedImage image = ImageDecoder.Default.Decode(ImagingReferenceData.PathOf("images/misc-images/modes/1.png"));

        // Then: 1-bit grey becomes 0/255, as CImg maps the reference's P4.
        image.PixelFormat.ShouldBe(PdqPixelFormat.Grey8);
        image.Pixels.ToArray().Distinct().Order().ShouldBe(new byte[] { 0, 255 });
    }

    [Fact]
    public void Decode_GreyPng_OneChannel()
    {
        using DecodedImage image = ImageDecoder.Default.Decode(ImagingReferenceData.PathOf("images/misc-images/modes/L.png"));

        image.PixelFormat.ShouldBe(PdqPixelFormat.Grey8);
        image.Stride.ShouldBe(512);
    }

    [Fact]
    public void Decode_PalettePng_ExpandedToRgb()
    {
        using DecodedImage image = ImageDecoder.Default.Decode(ImagingReferenceData.PathOf("images/misc-images/modes/P.png"));

        image.PixelFormat.ShouldBe(PdqPixelFormat.Rgb24);
        image.SourceFormat.ShouldBe(ImageFormat.Png);
    }

    [Theory]
    [InlineData("RGB.jpg")]
    [InlineData("YCbCr.jpg")]
    public void Decode_ColourJpeg_RgbSampledTo512(string name)
    {
        using DecodedImage image = ImageDecoder.Default.Decode(ImagingReferenceData.PathOf("images/misc-images/modes/" + name));

        image.PixelFormat.ShouldBe(PdqPixelFormat.Rgb24);
        (image.Width, image.Height).ShouldBe((512, 512));
        (image.SourceWidth, image.SourceHeight).ShouldBe((1600, 1004));
    }

    [Fact]
    public void Decode_GreyContentInRgbJpeg_DetectedAsOneChannel()
    {
        // small.jpg is a 3-channel JPEG whose pixels are all R=G=B: ImageMagick (the reference's decoder) writes P5.
        using DecodedImage image = ImageDecoder.Default.Decode(ImagingReferenceData.PathOf("images/misc-images/small.jpg"));

        image.PixelFormat.ShouldBe(PdqPixelFormat.Grey8);
        (image.Width, image.Height).ShouldBe((224, 399));
    }

    [Theory]
    [InlineData("exif-rotn-1.jpg")]
    [InlineData("exif-rotn-3.jpg")]
    [InlineData("exif-rotn-6.jpg")]
    [InlineData("exif-rotn-8.jpg")]
    public void ComputeHash_ExifRotatedByDefault_HashedAsStored(string name)
    {
        // Given
        ReferenceRow row = ImagingReferenceData.Row(name);

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(ImagingReferenceData.PathOf(row.File));
        PdqResult result = ImageHasher.ComputeHash(image);

        // Then: the stored 4032x3024 orientation, and the reference's hash.
        (image.SourceWidth, image.SourceHeight).ShouldBe((4032, 3024));
        PdqHash.Distance(result.Hash, PdqHash.Parse(row.Hash)).ShouldBeLessThanOrEqualTo(10);
    }

    [Theory]
    [InlineData("exif-rotn-1.jpg", Dihedral.Original, 4032, 3024)]
    [InlineData("exif-rotn-3.jpg", Dihedral.Rotate180, 4032, 3024)]
    [InlineData("exif-rotn-6.jpg", Dihedral.Rotate270, 3024, 4032)]
    [InlineData("exif-rotn-8.jpg", Dihedral.Rotate90, 3024, 4032)]
    public void ComputeHash_ApplyOrientation_HashOfTheUprightImage(string name, Dihedral expected, int width, int height)
    {
        // Given: each file stores its photo rotated, with the EXIF tag (1, 3, 6, 8) that makes it upright.
        string path = ImagingReferenceData.PathOf(ImagingReferenceData.Row(name).File);
        var decoder = new ImageDecoder(new ImageDecodeOptions { ApplyOrientation = true });
        PdqDihedralResult stored = ImageHasher.ComputeDihedralHashes(path);

        // When
        using DecodedImage image = decoder.Decode(path);
        PdqHash upright = ImageHasher.ComputeHash(image).Hash;

        // Then: the upright hash is the stored image's matching dihedral variant (up to the few bits by which a
        // DCT-domain rotation differs from rotating pixels), and far from the stored hash when the tag rotates.
        (image.SourceWidth, image.SourceHeight).ShouldBe((width, height));
        PdqHash.Distance(upright, stored[expected]).ShouldBeLessThanOrEqualTo(24);
        if (expected != Dihedral.Original)
        {
            PdqHash.Distance(upright, stored.Original).ShouldBeGreaterThan(64);
        }
    }
}
