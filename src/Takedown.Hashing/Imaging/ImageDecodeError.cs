namespace Takedown.Hashing.Imaging;

/// <summary>Why an input could not be decoded.</summary>
public enum ImageDecodeError
{
    /// <summary>The input holds no bytes.</summary>
    Empty = 0,

    /// <summary>The leading bytes are not those of a supported image format.</summary>
    UnrecognisedFormat,

    /// <summary>The format is recognised but this build cannot decode this variant (e.g. HEVC-coded HEIC).</summary>
    UnsupportedFormat,

    /// <summary>The header declares more pixels than <see cref="ImageDecodeOptions.MaxPixels"/> allows.</summary>
    TooManyPixels,

    /// <summary>The input is longer than <see cref="ImageDecodeOptions.MaxInputBytes"/>.</summary>
    TooManyBytes,

    /// <summary>The data is truncated or corrupt.</summary>
    Corrupt,

    /// <summary>The file could not be opened or read.</summary>
    Unreadable,
}
