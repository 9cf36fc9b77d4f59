using NetVips;

namespace Takedown.Hashing.Imaging;

public sealed partial class ImageDecoder
{
    private DecodedImage DecodeBmp(byte[] data, string? name)
    {
        byte[] rgb = BmpDecoder.Decode(data, Options.MaxPixels, name, out int width, out int height);
        try
        {
            // Through the same sampling as every other format. Orientation and alpha do not apply to BMP.
            using Image image = Image.NewFromMemory(rgb, width, height, 3, Enums.BandFormat.Uchar);
            return Extract(image, ImageFormat.Bmp, width, height, shrink: 1);
        }
        catch (VipsException e)
        {
            throw Classify(e, name);
        }
    }
}
