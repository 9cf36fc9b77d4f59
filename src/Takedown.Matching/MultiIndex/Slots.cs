using System.Runtime.CompilerServices;

namespace Takedown.Matching.MultiIndex;

/// <summary>The 16 slots of multi-index hashing: slot t is bits 16t..16t+15 of the hash (the reference's 16-bit words).</summary>
internal static class Slots
{
    /// <summary>Number of slots (tables).</summary>
    public const int Count = 16;

    /// <summary>Number of values a slot takes (buckets per table).</summary>
    public const int Buckets = 1 << 16;

    /// <summary>Slot <paramref name="slot"/> of a hash given as four words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Key(ReadOnlySpan<ulong> words, int slot) => (ushort)(words[slot >> 2] >> ((slot & 3) * 16));

    /// <summary>Slot <paramref name="slot"/> out of the word that holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int KeyInWord(ulong word, int slot) => (ushort)(word >> ((slot & 3) * 16));
}
