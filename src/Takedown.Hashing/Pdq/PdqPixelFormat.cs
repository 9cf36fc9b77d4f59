namespace Takedown.Hashing.Pdq;

/// <summary>Layout of the 8-bit pixels handed to <see cref="PdqHasher"/>.</summary>
public enum PdqPixelFormat
{
    /// <summary>
    /// One channel; luma is the grey value itself (<c>(float)grey</c>), as the reference's
    /// <c>fillFloatLumaFromGrey</c> does for one-channel images.
    /// </summary>
    Grey8 = 0,

    /// <summary>
    /// Three interleaved channels R, G, B; luma is <c>0.299f*R + 0.587f*G + 0.114f*B</c> in float32,
    /// as the reference's <c>fillFloatLumaFromRGB</c>.
    /// </summary>
    Rgb24 = 1,
}
