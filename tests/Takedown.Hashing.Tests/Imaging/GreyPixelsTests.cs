using Takedown.Hashing.Imaging;

namespace Takedown.Hashing.Tests.Imaging;

public sealed class GreyPixelsTests
{
    [Fact]
    public void TryCompact_AllGrey_PacksOneChannel()
    {
        byte[] rgb = [10, 10, 10, 200, 200, 200, 0, 0, 0];

        GreyPixels.TryCompact(rgb).ShouldBeTrue();

        rgb.AsSpan(0, 3).ToArray().ShouldBe(new byte[] { 10, 200, 0 });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TryCompact_OneChannelDiffersInLastPixel_LeavesRgb(int channel)
    {
        byte[] rgb = [10, 10, 10, 200, 200, 200, 7, 7, 7];
        rgb[6 + channel] = 8;
        byte[] before = (byte[])rgb.Clone();

        GreyPixels.TryCompact(rgb).ShouldBeFalse();

        rgb.ShouldBe(before);
    }
}
