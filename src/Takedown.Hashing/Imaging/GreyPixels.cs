namespace Takedown.Hashing.Imaging;

/// <summary>
/// The reference's ImageMagick decode writes a one-channel PNM whenever every pixel has R = G = B, and the
/// reference then takes luma as the grey value itself rather than 0.299R + 0.587G + 0.114B (which differs in
/// the last float bits). This detects such images and rewrites them as one channel.
/// </summary>
internal static class GreyPixels
{
    /// <summary>
    /// If every RGB triple of <paramref name="rgb"/> has R = G = B, packs the grey values into the first third
    /// of the span and returns <see langword="true"/>; otherwise leaves it unchanged and returns <see langword="false"/>.
    /// </summary>
    public static bool TryCompact(Span<byte> rgb)
    {
        if (rgb.Length % 3 != 0)
        {
            throw new ArgumentException("Length must be a multiple of 3.", nameof(rgb));
        }

        // Most colour photos fail on the first few pixels, so a plain early-exit loop is the fast path.
        for (int i = 0; i < rgb.Length; i += 3)
        {
            byte r = rgb[i];
            if (rgb[i + 1] != r || rgb[i + 2] != r)
            {
                return false;
            }
        }

        int pixels = rgb.Length / 3;
        for (int p = 0; p < pixels; p++)
        {
            rgb[p] = rgb[p * 3];
        }

        return true;
    }
}
