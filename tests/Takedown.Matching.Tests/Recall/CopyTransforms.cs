using NetVips;

namespace Takedown.Matching.Tests.Recall;

/// <summary>The near-copy edits that re-uploads carry, made with libvips at test time.</summary>
internal static class CopyTransforms
{
    public static readonly string[] Names =
        ["identity", "resize-50%", "recompress-q30", "crop-10%", "caption", "grey", "mirror", "rotate-90", "border-10%"];

    /// <summary>Applies transform <paramref name="name"/> and returns the encoded copy (PNG, or JPEG for recompress).</summary>
    public static byte[] Apply(string name, string path)
    {
        using Image loaded = Image.NewFromFile(path, access: Enums.Access.Random);
        using Image image = Normalise(loaded);
        int w = image.Width;
        int h = image.Height;
        switch (name)
        {
            case "identity":
                return image.PngsaveBuffer();
            case "resize-50%":
                using (Image small = image.Resize(0.5))
                {
                    return small.PngsaveBuffer();
                }

            case "recompress-q30":
                return image.JpegsaveBuffer(q: 30);
            case "crop-10%":
                using (Image cropped = image.Crop(w / 10, h / 10, w - (2 * (w / 10)), h - (2 * (h / 10))))
                {
                    return cropped.PngsaveBuffer();
                }

            case "caption":
                using (Image captioned = Caption(image))
                {
                    return captioned.PngsaveBuffer();
                }

            case "grey":
                using (Image grey = image.Colourspace(Enums.Interpretation.Bw))
                {
                    return grey.PngsaveBuffer();
                }

            case "mirror":
                using (Image mirrored = image.FlipHor())
                {
                    return mirrored.PngsaveBuffer();
                }

            case "rotate-90":
                using (Image rotated = image.Rot90())
                {
                    return rotated.PngsaveBuffer();
                }

            case "border-10%":
                using (Image framed = image.Embed(w / 10, h / 10, w + (2 * (w / 10)), h + (2 * (h / 10)), extend: Enums.Extend.White))
                {
                    return framed.PngsaveBuffer();
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown transform.");
        }
    }

    /// <summary>8-bit sRGB, three bands, no alpha, so every transform sees the same kind of image.</summary>
    private static Image Normalise(Image image)
    {
        Image flat = image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image.Copy();
        Image srgb = flat.Colourspace(Enums.Interpretation.Srgb);
        flat.Dispose();
        Image cast = srgb.Cast(Enums.BandFormat.Uchar);
        srgb.Dispose();
        return cast;
    }

    /// <summary>White text across the lower third, as a watermark or meme caption.</summary>
    private static Image Caption(Image image)
    {
        int width = Math.Max(8, image.Width * 3 / 4);
        using Image text = Image.Text("DO NOT SHARE 2026", width: width, dpi: Math.Max(72, image.Width / 3));
        int x = (image.Width - Math.Min(text.Width, image.Width)) / 2;
        int y = Math.Max(0, (image.Height * 2 / 3) - (text.Height / 2));
        int tw = Math.Min(text.Width, image.Width - x);
        int th = Math.Min(text.Height, image.Height - y);
        using Image mask = text.Crop(0, 0, tw, th);
        using Image region = image.Crop(x, y, tw, th);
        using Image painted = mask.Ifthenelse(new double[] { 255, 255, 255 }, region, blend: true);
        using Image cast = painted.Cast(Enums.BandFormat.Uchar);
        return image.Insert(cast, x, y);
    }
}
