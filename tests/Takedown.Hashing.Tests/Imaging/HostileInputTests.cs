using System.Buffers.Binary;
using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>Inputs an attacker or a broken upload can produce: each fails fast with a clear reason, or hashes fine.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Decode_ZeroByteFile_ThrowsEmpty()
    {
        // Given
        string path = _temp.File("empty.jpg");
        File.WriteAllBytes(path, []);

        // When
        var e = Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(path));

        // Then
        e.Error.ShouldBe(ImageDecodeError.Empty);
        e.Message.ShouldStartWith(path + ": ");
    }

    [Fact]
    public void Decode_MissingFile_ThrowsUnreadable()
    {
        var e = Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(_temp.File("nope.jpg")));

        e.Error.ShouldBe(ImageDecodeError.Unreadable);
        e.Reason.ShouldBe("no such file");
    }

    [Fact]
    public void Decode_TextFileNamedJpg_ThrowsUnrecognisedFormat()
    {
        string path = _temp.File("notes.jpg");
        File.WriteAllText(path, "this is not an image, whatever the name says\n");

        var e = Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(path));

        e.Error.ShouldBe(ImageDecodeError.UnrecognisedFormat);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Decode_TruncatedJpeg_ThrowsCorrupt(double fraction)
    {
        // Given
        byte[] whole = File.ReadAllBytes(ImagingReferenceData.PathOf("images/bridge-mods/aaa-orig.jpg"));
        string path = _temp.File("truncated.jpg");
        File.WriteAllBytes(path, whole.AsSpan(0, (int)(whole.Length * fraction)).ToArray());

        // When
        var e = Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(path));

        // Then
        e.Error.ShouldBe(ImageDecodeError.Corrupt);
        e.Reason.ShouldStartWith("corrupt or truncated image");
    }

    [Fact]
    public void Decode_TruncatedJpegFullDecodeAndBuffer_ThrowsCorrupt()
    {
        byte[] whole = File.ReadAllBytes(ImagingReferenceData.PathOf("images/reg-test-input/labelme-subset/q0746.jpg"));
        byte[] half = whole.AsSpan(0, whole.Length / 2).ToArray();
        var decoder = new ImageDecoder(new ImageDecodeOptions { ShrinkOnLoad = false });

        Should.Throw<ImageDecodeException>(() => decoder.Decode(half, "upload")).Error.ShouldBe(ImageDecodeError.Corrupt);
    }

    [Fact]
    public void Decode_JpegMagicThenGarbage_ThrowsCorrupt()
    {
        byte[] data = new byte[4096];
        new Random(7).NextBytes(data);
        data[0] = 0xFF;
        data[1] = 0xD8;
        data[2] = 0xFF;

        Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(data, "garbage")).Error.ShouldBe(ImageDecodeError.Corrupt);
    }

    [Fact]
    public void Decode_PngDeclaring100000x100000_RefusedFromHeaderWithoutAllocating()
    {
        // Given: a valid PNG header (correct CRCs) declaring 10 gigapixels, with a tiny IDAT.
        string path = _temp.File("bomb.png");
        File.WriteAllBytes(path, PngBytes.Header(100_000, 100_000));
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        // When
        var e = Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(path));

        // Then: refused by the header check; no pixel buffer (30 GB) was ever requested.
        e.Error.ShouldBe(ImageDecodeError.TooManyPixels);
        e.Reason.ShouldContain("100000x100000");
        (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore).ShouldBeLessThan(1_000_000);
    }

    [Fact]
    public void Decode_BmpDeclaringHugeSize_RefusedFromHeader()
    {
        // 54-byte header claiming 60000x60000 at 24 bits, and no pixel data.
        byte[] bmp = BmpBytes.Header24(60_000, 60_000);

        var e = Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(bmp, "bomb.bmp"));

        e.Error.ShouldBe(ImageDecodeError.TooManyPixels);
    }

    [Fact]
    public void ComputeHash_OneByOnePixel_ZeroHashQualityZero()
    {
        // Given
        string path = _temp.File("1x1.png");
        using (var image = NetVips.Image.Black(1, 1).NewFromImage([200, 10, 30]))
        {
            image.WriteToFile(path);
        }

        // When
        using DecodedImage decoded = ImageDecoder.Default.Decode(path);
        PdqResult result = ImageHasher.ComputeHash(decoded);

        // Then: the reference's MIN_HASHABLE_DIM guard.
        (decoded.Width, decoded.Height).ShouldBe((1, 1));
        decoded.Pixels.ToArray().ShouldBe(new byte[] { 200, 10, 30 });
        result.Quality.ShouldBe(0);
        result.Hash.ShouldBe(PdqHash.Zero);
    }

    [Fact]
    public void Decode_StreamLongerThanLimit_ThrowsTooManyBytes()
    {
        // Given: a non-seekable stream (as stdin) of 10 KB with a 4 KB limit.
        var decoder = new ImageDecoder(new ImageDecodeOptions { MaxInputBytes = 4096 });
        using var stream = new NonSeekableStream(new byte[10_000]);

        // When
        var e = Should.Throw<ImageDecodeException>(() => decoder.Decode(stream, "-"));

        // Then
        e.Error.ShouldBe(ImageDecodeError.TooManyBytes);
        e.Message.ShouldStartWith("-: ");
    }

    [Fact]
    public void Decode_EmptyStream_ThrowsEmpty()
    {
        using var stream = new NonSeekableStream([]);

        Should.Throw<ImageDecodeException>(() => ImageDecoder.Default.Decode(stream, "-")).Error.ShouldBe(ImageDecodeError.Empty);
    }
}
