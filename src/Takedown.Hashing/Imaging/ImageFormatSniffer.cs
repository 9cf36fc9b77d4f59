namespace Takedown.Hashing.Imaging;

/// <summary>Identifies an image format from its first bytes (magic numbers), as libvips' loaders do.</summary>
internal static class ImageFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int HeaderLength = 32;

    /// <summary>Returns the format whose signature starts <paramref name="header"/>, or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat Detect(ReadOnlySpan<byte> header)
    {
        // JPEG: SOI marker followed by another marker.
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        // RIFF....WEBP
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        // Little- or big-endian TIFF (42) and BigTIFF (43).
        if (header.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 42, 0]) || header.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0, 42]) ||
            header.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 43, 0]) || header.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0, 43]))
        {
            return ImageFormat.Tiff;
        }

        // ISO base media: a box of type "ftyp" at offset 4 whose major brand is a HEIF/AVIF brand.
        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8) && IsHeifBrand(header[8..12]))
        {
            return ImageFormat.Heif;
        }

        // "BM" with a plausible DIB header size at offset 14.
        if (header.Length >= 18 && header[0] == (byte)'B' && header[1] == (byte)'M')
        {
            uint dibSize = BitConverter.ToUInt32(header[14..18]);
            if (dibSize is 12 or 40 or 52 or 56 or 64 or 108 or 124)
            {
                return ImageFormat.Bmp;
            }
        }

        return ImageFormat.Unknown;
    }

    private static bool IsHeifBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8) ||
        brand.SequenceEqual("heis"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8) ||
        brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("avif"u8) ||
        brand.SequenceEqual("avis"u8);
}
