using System.Numerics;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// Every 16-bit mask with at most three bits set, ordered by bit count: the first 1, 17, 137 or 697 are the
/// probes that reach all slot values within 0, 1, 2 or 3 bit flips.
/// </summary>
internal static class FlipMasks
{
    private static readonly ushort[] s_masks = Create();

    /// <summary>The masks with at most <paramref name="flips"/> bits set (0..3).</summary>
    public static ReadOnlySpan<ushort> UpTo(int flips) => s_masks.AsSpan(0, flips switch
    {
        0 => 1,
        1 => 17,
        2 => 137,
        _ => 697,
    });

    private static ushort[] Create()
    {
        var masks = new List<ushort>(697);
        for (int bits = 0; bits <= 3; bits++)
        {
            for (int m = 0; m <= ushort.MaxValue; m++)
            {
                if (BitOperations.PopCount((uint)m) == bits)
                {
                    masks.Add((ushort)m);
                }
            }
        }

        return [.. masks];
    }
}
