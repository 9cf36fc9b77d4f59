using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;
using Image = NetVips.Image;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>
/// Every supported container, written by libvips at test time from the pixels of a reference JPEG:
/// lossless ones must hash exactly like the JPEG; lossy ones nearly so.
/// </summary>
public sealed class FormatTests : IDisposable
{
    private const string SourceJpeg = "images/reg-test-input/labelme-subset/q0746.jpg";
    private readonly TempDirectory _temp = new();
    private readonly Image _source;
    private readonly PdqResult _expected;

    public FormatTests()
    {
        string path = ImagingReferenceData.PathOf(SourceJpeg);
        _source = Image.NewFromFile(path).CopyMemory();
        _expected = ImageHasher.ComputeHash(path);
    }

    public void Dispose()
    {
        _source.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("lossless.png", ImageFormat.Png, "")]
    [InlineData("lossless.tif", ImageFormat.Tiff, "")]
    [InlineData("deflate.tif", ImageFormat.Tiff, "[compression=deflate]")]
    [InlineData("lossless.webp", ImageFormat.WebP, "[lossless=true]")]
    public void ComputeHash_LosslessContainers_SameHashAsJpeg(string name, ImageFormat format, string saveOptions)
    {
        // Given
        string path = _temp.File(name);
        _source.WriteToFile(path + saveOptions);

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(path);

        // Then
        image.SourceFormat.ShouldBe(format);
        ImageHasher.ComputeHash(image).ShouldBe(_expected);
    }

    [Theory]
    [InlineData("lossy.webp", ImageFormat.WebP, "[Q=90]", 16)]
    [InlineData("palette.gif", ImageFormat.Gif, "", 24)]
    [InlineData("lossy.avif", ImageFormat.Heif, "[Q=90]", 24)]
    public void ComputeHash_LossyContainers_NearJpegHash(string name, ImageFormat format, string saveOptions, int maxDistance)
    {
        // Given
        string path = _temp.File(name);
        _source.WriteToFile(path + saveOptions);

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(path);
        PdqResult result = ImageHasher.ComputeHash(image);

        // Then
        image.SourceFormat.ShouldBe(format);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: distance {PdqHash.Distance(result.Hash, _expected.Hash)}");
        PdqHash.Distance(result.Hash, _expected.Hash).ShouldBeLessThanOrEqualTo(maxDistance);
    }

    [Fact]
    public void ComputeHash_Bmp24_SameHashAsJpeg()
    {
        // Given
        byte[] rgb = _source.WriteToMemory<byte>();
        byte[] bmp = BmpBytes.Rgb24(rgb, _source.Width, _source.Height);
        string path = _temp.File("image.bmp");
        File.WriteAllBytes(path, bmp);

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(path);

        // Then
        image.SourceFormat.ShouldBe(ImageFormat.Bmp);
        image.Pixels.ToArray().ShouldBe(rgb);
        ImageHasher.ComputeHash(image).ShouldBe(_expected);
    }

    [Fact]
    public void Decode_Bmp8Palette_ExpandsPalette()
    {
        // Given: a 6x5 top-down image cycling through a 3-colour palette.
        byte[] palette = [255, 0, 0, 0, 255, 0, 10, 20, 30];
        byte[] indices = Enumerable.Range(0, 30).Select(i => (byte)(i % 3)).ToArray();
        byte[] bmp = BmpBytes.Palette8(indices, 6, 5, palette);

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(bmp, "palette.bmp");

        // Then
        byte[] expected = indices.SelectMany(i => palette.AsSpan(i * 3, 3).ToArray()).ToArray();
        image.Pixels.ToArray().ShouldBe(expected);
    }

    [Fact]
    public void Decode_AnimatedGif_FirstFrameOnly()
    {
        // Given: two frames, the second black.
        string path = _temp.File("animated.gif");
        using (Image black = Image.Black(_source.Width, _source.Height, bands: 3))
        using (Image cast = black.Cast(NetVips.Enums.BandFormat.Uchar))
        using (Image joined = Image.Arrayjoin([_source, cast], across: 1))
        using (Image paged = joined.Mutate(m => m.Set(NetVips.GValue.GIntType, "page-height", _source.Height)))
        {
            paged.WriteToFile(path);
        }

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(path);

        // Then
        (image.Width, image.Height).ShouldBe((_source.Width, _source.Height));
        ImageHasher.ComputeHash(image).Quality.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Decode_CmykJpeg_ConvertedToSrgb()
    {
        // Given
        string path = _temp.File("cmyk.jpg");
        using (Image cmyk = _source.IccTransform("cmyk"))
        {
            cmyk.Jpegsave(path, q: 95);
        }

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(path);
        PdqResult result = ImageHasher.ComputeHash(image);

        // Then
        image.PixelFormat.ShouldBe(PdqPixelFormat.Rgb24);
        PdqHash.Distance(result.Hash, _expected.Hash).ShouldBeLessThanOrEqualTo(16);
    }

    [Fact]
    public void Decode_SixteenBitPng_UsesHighByteNotTheReferenceLowByteBug()
    {
        // Given: 16-bit samples v*256 + 0x5A, so the low byte is constant and the high byte is the picture.
        string path = _temp.File("sixteen.png");
        using (Image wide = _source.Cast(NetVips.Enums.BandFormat.Ushort))
        using (Image shifted = (wide * 256) + 0x5A)
        using (Image typed = shifted.Cast(NetVips.Enums.BandFormat.Ushort))
        using (Image tagged = typed.Copy(interpretation: NetVips.Enums.Interpretation.Rgb16))
        {
            tagged.Pngsave(path, bitdepth: 16);
        }

        // When
        using DecodedImage image = ImageDecoder.Default.Decode(path);

        // Then: every sample within 1 of the 8-bit original, and the same hash.
        byte[] original = _source.WriteToMemory<byte>();
        byte[] decoded = image.Pixels.ToArray();
        decoded.Length.ShouldBe(original.Length);
        decoded.Zip(original).Max(p => Math.Abs(p.First - p.Second)).ShouldBeLessThanOrEqualTo(1);
        PdqHash.Distance(ImageHasher.ComputeHash(image).Hash, _expected.Hash).ShouldBeLessThanOrEqualTo(4);
    }

    [Fact]
    public void Decode_AlphaPng_DropKeepsStoredColoursFlattenComposites()
    {
        // Given: the picture with alpha 0 on the left half (the stored colours stay there).
        string path = _temp.File("alpha.png");
        int half = _source.Width / 2;
        using (Image x = Image.Xyz(_source.Width, _source.Height))
        using (Image xBand = x[0])
        using (Image opaque = xBand >= half)
        using (Image alpha = opaque.Cast(NetVips.Enums.BandFormat.Uchar))
        using (Image rgba = _source.Bandjoin(alpha))
        {
            rgba.WriteToFile(path);
        }

        string whiteLeft = _temp.File("white-left.png");
        using (Image white = Image.Black(half, _source.Height, bands: 3).NewFromImage([255, 255, 255]))
        using (Image composed = _source.Insert(white, 0, 0))
        {
            composed.WriteToFile(whiteLeft);
        }

        // When
        PdqResult dropped = ImageHasher.ComputeHash(path);
        PdqResult flattened = ImageHasher.ComputeHash(path, new ImageDecoder(new ImageDecodeOptions { Alpha = AlphaHandling.Flatten }));

        // Then
        dropped.ShouldBe(_expected);
        flattened.ShouldBe(ImageHasher.ComputeHash(whiteLeft));
        flattened.Hash.ShouldNotBe(dropped.Hash);
    }

    [Fact]
    public void Decode_StreamAndBuffer_SameAsFile()
    {
        string path = ImagingReferenceData.PathOf(SourceJpeg);
        using var stream = new NonSeekableStream(File.ReadAllBytes(path));

        using DecodedImage fromStream = ImageDecoder.Default.Decode(stream, "-");

        ImageHasher.ComputeHash(fromStream).ShouldBe(_expected);
        using DecodedImage fromBuffer = ImageDecoder.Default.Decode(File.ReadAllBytes(path));
        ImageHasher.ComputeHash(fromBuffer).ShouldBe(_expected);
    }
}
