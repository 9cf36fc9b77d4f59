using System.Globalization;
using NetVips;

namespace Takedown.Hashing.Imaging;

public sealed partial class ImageDecoder
{
    private const Enums.FailOn FailOn = Enums.FailOn.Error;

    private DecodedImage DecodeWithVips(LoadInput input, ImageFormat format, string? name)
    {
        // Images created along the chain; all are disposed at the end, whatever happens.
        var chain = new ImageChain();
        try
        {
            Enums.Access access = Options.ApplyOrientation ? Enums.Access.Random : Enums.Access.Sequential;

            // 1. Header only: libvips reads no pixel data until a region is fetched.
            Image image = chain.Add(Open(input, format, shrink: 1, access));
            int sourceWidth = image.Width;
            int sourceHeight = image.Height;
            CheckPixelLimit(sourceWidth, sourceHeight, name);

            // 2. JPEG shrink-on-load: reopen at 1/2, 1/4 or 1/8 scale, decoded in the DCT domain.
            int shrink = ChooseShrink(format, sourceWidth, sourceHeight);
            if (shrink > 1)
            {
                image = chain.Add(Open(input, format, shrink, access));
            }

            // 3. Orientation (off by default, as the reference).
            if (Options.ApplyOrientation)
            {
                image = chain.Add(image.Autorot(out Enums.Angle angle));
                if (angle is Enums.Angle.D90 or Enums.Angle.D270)
                {
                    (sourceWidth, sourceHeight) = (sourceHeight, sourceWidth);
                }
            }

            // 4. 8-bit sRGB or grey, alpha dropped or flattened.
            image = Normalize(image, chain);

            // 5. Pixels, sampled to 512×512 as the reference when a side exceeds 512.
            return Extract(image, format, sourceWidth, sourceHeight, shrink);
        }
        catch (VipsException e)
        {
            throw Classify(e, name);
        }
        finally
        {
            chain.Dispose();
        }
    }

    private static Image Open(LoadInput input, ImageFormat format, int shrink, Enums.Access access)
    {
        if (input.Path is { } path)
        {
            return format switch
            {
                ImageFormat.Jpeg => Image.Jpegload(path, shrink: shrink, autorotate: false, access: access, failOn: FailOn),
                ImageFormat.Png => Image.Pngload(path, access: access, failOn: FailOn),
                ImageFormat.Gif => Image.Gifload(path, n: 1, page: 0, access: access, failOn: FailOn),
                ImageFormat.WebP => Image.Webpload(path, page: 0, n: 1, access: access, failOn: FailOn),
                ImageFormat.Tiff => Image.Tiffload(path, page: 0, n: 1, autorotate: false, access: access, failOn: FailOn),
                ImageFormat.Heif => Image.Heifload(path, page: 0, n: 1, thumbnail: false, access: access, failOn: FailOn),
                _ => throw new InvalidOperationException($"No libvips loader for {format}."),
            };
        }

        byte[] data = input.Data!;
        return format switch
        {
            ImageFormat.Jpeg => Image.JpegloadBuffer(data, shrink: shrink, autorotate: false, access: access, failOn: FailOn),
            ImageFormat.Png => Image.PngloadBuffer(data, access: access, failOn: FailOn),
            ImageFormat.Gif => Image.GifloadBuffer(data, n: 1, page: 0, access: access, failOn: FailOn),
            ImageFormat.WebP => Image.WebploadBuffer(data, page: 0, n: 1, access: access, failOn: FailOn),
            ImageFormat.Tiff => Image.TiffloadBuffer(data, page: 0, n: 1, autorotate: false, access: access, failOn: FailOn),
            ImageFormat.Heif => Image.HeifloadBuffer(data, page: 0, n: 1, thumbnail: false, access: access, failOn: FailOn),
            _ => throw new InvalidOperationException($"No libvips loader for {format}."),
        };
    }

    private void CheckPixelLimit(int width, int height, string? name)
    {
        long pixels = (long)width * height;
        if (pixels > Options.MaxPixels)
        {
            throw new ImageDecodeException(ImageDecodeError.TooManyPixels, name, string.Create(CultureInfo.InvariantCulture,
                $"image is {width}x{height} ({pixels / 1e6:0.#} megapixels), above the limit of {Options.MaxPixels / 1e6:0.#} megapixels"));
        }
    }

    /// <summary>The largest JPEG scale-down (8, 4, 2) that keeps both decoded sides at least <see cref="ImageDecodeOptions.ShrinkMinimumSide"/>.</summary>
    internal int ChooseShrink(ImageFormat format, int width, int height)
    {
        // Images that the reference hashes at their own size (both sides <= 512) are never shrunk.
        if (format != ImageFormat.Jpeg || !Options.ShrinkOnLoad || (width <= SampleSize && height <= SampleSize))
        {
            return 1;
        }

        int minimum = Options.ShrinkMinimumSide;
        for (int shrink = 8; shrink > 1; shrink /= 2)
        {
            if (width >= minimum * shrink && height >= minimum * shrink)
            {
                return shrink;
            }
        }

        return 1;
    }

    private Image Normalize(Image image, ImageChain chain)
    {
        // Colour: CMYK (with its embedded profile or libvips' default), 16-bit, Lab and friends to sRGB or grey.
        Enums.Interpretation interpretation = image.Interpretation;
        switch (interpretation)
        {
            case Enums.Interpretation.Bw when image.Format == Enums.BandFormat.Uchar:
            case Enums.Interpretation.Srgb when image.Format == Enums.BandFormat.Uchar:
                break;
            case Enums.Interpretation.Bw:
            case Enums.Interpretation.Grey16:
                image = chain.Add(image.Colourspace(Enums.Interpretation.Bw));
                break;
            case Enums.Interpretation.Multiband when image.Format == Enums.BandFormat.Uchar:
                break;
            default:
                image = chain.Add(image.Colourspace(Enums.Interpretation.Srgb));
                break;
        }

        // Alpha: dropped (reference) or composited over the background.
        if (image.HasAlpha())
        {
            if (Options.Alpha == AlphaHandling.Flatten)
            {
                if (image.Bands == 2)
                {
                    image = chain.Add(image.Colourspace(Enums.Interpretation.Srgb));
                }

                RgbColor bg = Options.Background;
                image = chain.Add(image.Flatten(background: [bg.R, bg.G, bg.B]));
            }
            else
            {
                image = chain.Add(image.ExtractBand(0, n: image.Bands - 1));
            }
        }

        // Anything else (e.g. a 2-band image without alpha, or 5-band multispectral TIFF): first 1 or 3 bands.
        if (image.Bands == 2)
        {
            image = chain.Add(image.ExtractBand(0));
        }
        else if (image.Bands > 3)
        {
            image = chain.Add(image.ExtractBand(0, n: 3));
        }

        if (image.Format != Enums.BandFormat.Uchar)
        {
            image = chain.Add(image.Cast(Enums.BandFormat.Uchar));
        }

        return image;
    }

    private static ImageDecodeException Classify(VipsException e, string? name)
    {
        // NetVips messages look like "unable to call jpegload\nVipsJpeg: Premature end of input file\n".
        string[] lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string detail = lines.Length > 1 ? string.Join("; ", lines[1..].Distinct()) : lines.FirstOrDefault() ?? "unknown error";
        if (detail.Length > 300)
        {
            detail = detail[..300];
        }

        // libheif reports a missing codec (e.g. HEVC without libde265) this way; anything else is bad data.
        bool unsupported = detail.Contains("No decoding plugin", StringComparison.OrdinalIgnoreCase) ||
                           detail.Contains("Unsupported codec", StringComparison.OrdinalIgnoreCase) ||
                           detail.Contains("Unsupported feature", StringComparison.OrdinalIgnoreCase);
        return unsupported
            ? new ImageDecodeException(ImageDecodeError.UnsupportedFormat, name, $"unsupported image variant ({detail})", e)
            : new ImageDecodeException(ImageDecodeError.Corrupt, name, $"corrupt or truncated image ({detail})", e);
    }

    /// <summary>The images of one decode, disposed together.</summary>
    private sealed class ImageChain : IDisposable
    {
        private readonly List<Image> _images = new(8);

        public Image Add(Image image)
        {
            _images.Add(image);
            return image;
        }

        public void Dispose()
        {
            for (int i = _images.Count - 1; i >= 0; i--)
            {
                _images[i].Dispose();
            }

            _images.Clear();
        }
    }
}
