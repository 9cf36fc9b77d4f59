using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Imaging;

/// <summary>File to PDQ in one call: <see cref="ImageDecoder"/> then <see cref="PdqHasher"/>.</summary>
public static class ImageHasher
{
    /// <summary>Decodes the image at <paramref name="path"/> and returns its PDQ hash and quality.</summary>
    /// <exception cref="ImageDecodeException">The file cannot be decoded.</exception>
    public static PdqResult ComputeHash(string path, ImageDecoder? decoder = null)
    {
        using DecodedImage image = (decoder ?? ImageDecoder.Default).Decode(path);
        return ComputeHash(image);
    }

    /// <summary>Decodes the image at <paramref name="path"/> and returns its eight dihedral PDQ hashes.</summary>
    /// <exception cref="ImageDecodeException">The file cannot be decoded.</exception>
    public static PdqDihedralResult ComputeDihedralHashes(string path, ImageDecoder? decoder = null)
    {
        using DecodedImage image = (decoder ?? ImageDecoder.Default).Decode(path);
        return ComputeDihedralHashes(image);
    }

    /// <summary>The PDQ hash of decoded pixels (already at most 512×512, so no further resize).</summary>
    public static PdqResult ComputeHash(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PdqHasher.ComputeHash(image.Pixels, image.Width, image.Height, image.Stride, image.PixelFormat);
    }

    /// <summary>The eight dihedral PDQ hashes of decoded pixels.</summary>
    public static PdqDihedralResult ComputeDihedralHashes(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PdqHasher.ComputeDihedralHashes(image.Pixels, image.Width, image.Height, image.Stride, image.PixelFormat);
    }
}
