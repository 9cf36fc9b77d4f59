using Takedown.Hashing.Imaging;

namespace Takedown.Hashing.Tests.Imaging;

public sealed class ImageFormatSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, ImageFormat.Png)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, ImageFormat.Gif)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, ImageFormat.WebP)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00 }, ImageFormat.Tiff)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A }, ImageFormat.Tiff)]
    [InlineData(new byte[] { 0, 0, 0, 0x1C, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66 }, ImageFormat.Heif)]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63 }, ImageFormat.Heif)]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6F, 0x6D }, ImageFormat.Unknown)] // MP4
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20 }, ImageFormat.Unknown)] // AVI
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, ImageFormat.Unknown)] // <svg: never handed to a loader
    [InlineData(new byte[] { 0xFF, 0xD8 }, ImageFormat.Unknown)]
    [InlineData(new byte[] { }, ImageFormat.Unknown)]
    public void Detect_LeadingBytes_Format(byte[] header, ImageFormat expected) =>
        ImageDecoder.DetectFormat(header).ShouldBe(expected);

    [Fact]
    public void Detect_BmpHeader_Bmp() =>
        ImageDecoder.DetectFormat(BmpBytes.Header24(2, 2, 16)).ShouldBe(ImageFormat.Bmp);
}
