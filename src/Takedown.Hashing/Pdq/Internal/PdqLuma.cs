namespace Takedown.Hashing.Pdq.Internal;

/// <summary>The reference's luma weights (float32, <c>0.299, 0.587, 0.114</c> rounded from double).</summary>
internal static class PdqLuma
{
    /// <summary>Weight of red.</summary>
    public const float R = 0.299f;

    /// <summary>Weight of green.</summary>
    public const float G = 0.587f;

    /// <summary>Weight of blue.</summary>
    public const float B = 0.114f;

    /// <summary>
    /// <c>(R*r + G*g) + B*b</c> with each product and sum rounded to float32 (no fused multiply-add),
    /// as the reference's <c>fillFloatLumaFromRGB</c> compiles.
    /// </summary>
    public static float FromRgb(byte r, byte g, byte b) => (R * r) + (G * g) + (B * b);
}
