using NetVips;
using Takedown.Hashing.Imaging;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>
/// The TurboJPEG fast path gives exactly the pixels of the libvips path (same libjpeg-turbo ISLOW IDCT, fancy
/// upsampling and DCT-domain scaling), takes every reference JPEG itself, and hands everything it should not
/// decode (CMYK, truncated data, orientation) to libvips.
/// </summary>
public sealed class TurboJpegPathTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void IsAvailable_OnThisMachine_True()
    {
        // eng/install-prereqs.sh installs libturbojpeg0; without it every other test here would pass vacuously.
        TurboJpegInterop.IsAvailable.ShouldBeTrue("libturbojpeg.so.0 (Debian package libturbojpeg0) is missing: run eng/install-prereqs.sh");
    }

    [Theory]
    [InlineData(true, 512)]
    [InlineData(true, 256)] // 1152x723 and 1600x1004 photos at 1/2: libvips drops the partial last row
    [InlineData(false, 512)]
    public void TryDecodeWithTurboJpeg_EveryReferenceJpeg_SamePixelsAsLibvips(bool shrinkOnLoad, int minimumSide)
    {
        // Given
        var options = new ImageDecodeOptions { ShrinkOnLoad = shrinkOnLoad, ShrinkMinimumSide = minimumSide };
        var turbo = new ImageDecoder(options) { UseTurboJpeg = true };
        var vips = new ImageDecoder(options) { UseTurboJpeg = false };
        var declined = new List<string>();
        int compared = 0;

        foreach (ReferenceRow row in ImagingReferenceData.Rows.Where(r => r.File.EndsWith(".jpg", StringComparison.Ordinal)))
        {
            string path = ImagingReferenceData.PathOf(row.File);
            byte[] bytes = File.ReadAllBytes(path);

            // When
            using DecodedImage? fast = turbo.TryDecodeWithTurboJpeg(bytes, row.File);
            using DecodedImage slow = vips.Decode(path);

            // Then
            if (fast is null)
            {
                declined.Add(row.File);
                continue;
            }

            compared++;
            (fast.Width, fast.Height, fast.PixelFormat, fast.ShrinkFactor).ShouldBe((slow.Width, slow.Height, slow.PixelFormat, slow.ShrinkFactor), row.File);
            (fast.SourceWidth, fast.SourceHeight).ShouldBe((slow.SourceWidth, slow.SourceHeight), row.File);
            fast.Pixels.SequenceEqual(slow.Pixels).ShouldBeTrue($"{row.File}: pixels differ from libvips");
        }

        // Only a full decode of the 4032x3024 photos (36 MB of pixels) is left to libvips' row-by-row pipeline.
        compared.ShouldBeGreaterThan(30);
        declined.ShouldAllBe(f => !shrinkOnLoad && f.Contains("exif-rotn", StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_ReferenceJpegFromFileAndBuffer_SameAsLibvipsAndSameHash()
    {
        var turbo = new ImageDecoder { UseTurboJpeg = true };
        var vips = new ImageDecoder { UseTurboJpeg = false };
        foreach (ReferenceRow row in ImagingReferenceData.Rows.Where(r => r.File.EndsWith(".jpg", StringComparison.Ordinal)))
        {
            string path = ImagingReferenceData.PathOf(row.File);
            ImageHasher.ComputeHash(path, turbo).ShouldBe(ImageHasher.ComputeHash(path, vips), row.File);
            using DecodedImage fromBuffer = turbo.Decode(File.ReadAllBytes(path), row.File);
            ImageHasher.ComputeHash(fromBuffer).ShouldBe(ImageHasher.ComputeHash(path, vips), row.File);
        }
    }

    [Fact]
    public void TryDecodeWithTurboJpeg_CmykJpeg_DeclinedAndLibvipsConverts()
    {
        // Given
        string path = _temp.File("cmyk.jpg");
        using (Image source = Image.Black(64, 48, bands: 3).Linear([1.0], [90.0]))
        using (Image srgb = source.Copy(interpretation: Enums.Interpretation.Srgb))
        using (Image cmyk = srgb.IccTransform("cmyk"))
        {
            cmyk.Jpegsave(path, q: 95);
        }

        var decoder = new ImageDecoder { UseTurboJpeg = true };

        // When
        using DecodedImage? fast = decoder.TryDecodeWithTurboJpeg(File.ReadAllBytes(path), "cmyk.jpg");
        using DecodedImage decoded = decoder.Decode(path);

        // Then
        fast.ShouldBeNull();
        (decoded.Width, decoded.Height).ShouldBe((64, 48));
    }

    [Fact]
    public void TryDecodeWithTurboJpeg_TruncatedJpeg_DeclinedAndDecodeThrowsCorrupt()
    {
        // Given: a reference photo cut in half (libjpeg only warns "premature end"; libvips' fail_on=error refuses it).
        byte[] whole = File.ReadAllBytes(ImagingReferenceData.PathOf(ImagingReferenceData.Rows.First(r => r.File.EndsWith(".jpg", StringComparison.Ordinal)).File));
        byte[] half = whole[..(whole.Length / 2)];
        var decoder = new ImageDecoder { UseTurboJpeg = true };

        // When
        using DecodedImage? fast = decoder.TryDecodeWithTurboJpeg(half, "half.jpg");

        // Then
        fast.ShouldBeNull();
        Should.Throw<ImageDecodeException>(() => decoder.Decode(half, "half.jpg")).Error.ShouldBe(ImageDecodeError.Corrupt);
    }

    [Fact]
    public void TryDecodeWithTurboJpeg_TooManyPixels_ThrowsFromHeader()
    {
        string path = ImagingReferenceData.PathOf(ImagingReferenceData.Rows.First(r => r.Width * r.Height > 1000 && r.File.EndsWith(".jpg", StringComparison.Ordinal)).File);
        var decoder = new ImageDecoder(new ImageDecodeOptions { MaxPixels = 1000 }) { UseTurboJpeg = true };

        Should.Throw<ImageDecodeException>(() => decoder.TryDecodeWithTurboJpeg(File.ReadAllBytes(path), "big.jpg")).Error.ShouldBe(ImageDecodeError.TooManyPixels);
    }

    [Fact]
    public void TryDecodeWithTurboJpeg_ApplyOrientation_DeclinedForLibvips()
    {
        string path = ImagingReferenceData.PathOf(ImagingReferenceData.Rows.First(r => r.File.EndsWith(".jpg", StringComparison.Ordinal)).File);
        var decoder = new ImageDecoder(new ImageDecodeOptions { ApplyOrientation = true }) { UseTurboJpeg = true };

        using DecodedImage? fast = decoder.TryDecodeWithTurboJpeg(File.ReadAllBytes(path), "x.jpg");

        fast.ShouldBeNull();
    }
}
