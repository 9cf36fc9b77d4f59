using System.Runtime.CompilerServices;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// The wide layout of multi-index hashing for large segments: 11 slots of 23 bits (slot t is bits 23t..23t+22 of
/// the hash, the four words read as one 256-bit little-endian number; the top 3 bits are not indexed). Two hashes
/// within distance d agree to within floor(d/11) bits on at least one slot, so radius 31 probes 277 buckets per
/// slot (3,047 in all) of ~1 entry each at 10M entries, instead of 272 buckets of ~150 entries in 16 x 16 bits.
/// </summary>
internal static class WideSlots
{
    /// <summary>Number of slots (tables).</summary>
    public const int Count = 11;

    /// <summary>Bits per slot.</summary>
    public const int Bits = 23;

    /// <summary>Number of values a slot takes (buckets per table).</summary>
    public const int Buckets = 1 << Bits;

    /// <summary>The largest radius the wide layout answers (3 flips per slot: 2,048 probes per slot).</summary>
    public const int MaxRadius = (4 * Count) - 1;

    private const int KeyMask = Buckets - 1;

    private static readonly int[] s_masks = CreateMasks();

    /// <summary>Slot <paramref name="slot"/> of a hash given as four words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Key(ReadOnlySpan<ulong> words, int slot)
    {
        int bit = Bits * slot;
        int word = bit >> 6;
        int shift = bit & 63;
        ulong value = words[word] >> shift;
        if (shift > 64 - Bits)
        {
            value |= words[word + 1] << (64 - shift);
        }

        return (int)value & KeyMask;
    }

    /// <summary>Flips per slot that reach every entry within <paramref name="radius"/> (0..<see cref="MaxRadius"/>).</summary>
    public static int FlipsFor(int radius) => radius / Count;

    /// <summary>The 23-bit masks with at most <paramref name="flips"/> bits set (0..3): 1, 24, 277 or 2,048 of them.</summary>
    public static ReadOnlySpan<int> Masks(int flips) => s_masks.AsSpan(0, flips switch
    {
        0 => 1,
        1 => 1 + Bits,
        2 => 1 + Bits + (Bits * (Bits - 1) / 2),
        _ => s_masks.Length,
    });

    private static int[] CreateMasks()
    {
        var masks = new List<int>(2048) { 0 };
        for (int a = 0; a < Bits; a++)
        {
            masks.Add(1 << a);
        }

        for (int a = 0; a < Bits; a++)
        {
            for (int b = a + 1; b < Bits; b++)
            {
                masks.Add((1 << a) | (1 << b));
            }
        }

        for (int a = 0; a < Bits; a++)
        {
            for (int b = a + 1; b < Bits; b++)
            {
                for (int c = b + 1; c < Bits; c++)
                {
                    masks.Add((1 << a) | (1 << b) | (1 << c));
                }
            }
        }

        return [.. masks];
    }
}
