namespace Takedown.Hashing.Imaging;

/// <summary>What the decoder does with an alpha channel.</summary>
public enum AlphaHandling
{
    /// <summary>
    /// Drop the alpha channel and hash the stored colour values, as Meta's reference (ImageMagick to PNM),
    /// python-threatexchange and HMA (PIL <c>convert("RGB")</c>) all do. This is the default because
    /// hashes must match the ones other platforms and StopNCII compute for the same file.
    /// </summary>
    Drop = 0,

    /// <summary>
    /// Composite the image over <see cref="ImageDecodeOptions.Background"/>, i.e. hash what a viewer sees.
    /// Useful when fully transparent areas hold arbitrary colour, but the hash no longer matches the reference's.
    /// </summary>
    Flatten = 1,
}
