namespace Takedown.Hashing.Imaging;

/// <summary>Container formats the decoder recognises from their leading bytes (never from the file name).</summary>
public enum ImageFormat
{
    /// <summary>Not a recognised image format.</summary>
    Unknown = 0,

    /// <summary>JPEG (JFIF/EXIF), decoded by libjpeg-turbo inside libvips.</summary>
    Jpeg,

    /// <summary>PNG, including palette, grey, 16-bit and alpha variants.</summary>
    Png,

    /// <summary>GIF; only the first frame is hashed.</summary>
    Gif,

    /// <summary>WebP (lossy or lossless); only the first frame of an animation is hashed.</summary>
    WebP,

    /// <summary>TIFF; only the first page is hashed.</summary>
    Tiff,

    /// <summary>HEIF container (AVIF; HEVC-coded HEIC only if the native libheif has a decoder for it).</summary>
    Heif,

    /// <summary>Windows bitmap, decoded by a small managed decoder (the bundled libvips has no BMP loader).</summary>
    Bmp,
}
