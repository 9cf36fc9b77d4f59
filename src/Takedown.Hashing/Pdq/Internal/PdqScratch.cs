using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// Float scratch for the vector kernels, handed out starting on a 64-byte boundary. A pooled or ordinary array's
/// data is only 8-byte aligned, and then up to half of a kernel's 32-byte loads and stores straddle two cache lines
/// (in-process A/B: the 512x512 kernel 1.01-1.11x faster aligned, the band kernel at 256x256 1.08-1.19x).
/// <para>
/// The arrays live on the pinned object heap, so they never move and the boundary found once stays valid. Each
/// thread keeps its largest array up to <see cref="MaxKeptFloats"/> for its next call; a kernel call allocates
/// nothing once its thread has hashed an image of that size.
/// </para>
/// </summary>
internal static class PdqScratch
{
    /// <summary>The largest array a thread keeps (4 MB: the band kernel's scratch for an 8K-wide float frame).</summary>
    public const int MaxKeptFloats = 1 << 20;

    private const int CacheLine = 64;

    private const int AlignFloats = CacheLine / sizeof(float);

    [ThreadStatic]
    private static float[]? t_kept;

    /// <summary>
    /// An array from which <see cref="Aligned"/> can cut <paramref name="floats"/> floats on a cache-line boundary;
    /// its contents are undefined. Give it back with <see cref="Return"/>.
    /// </summary>
    public static float[] Rent(int floats)
    {
        int needed = floats + AlignFloats;
        float[]? kept = t_kept;
        if (kept is not null && kept.Length >= needed)
        {
            t_kept = null;
            return kept;
        }

        int length = needed <= MaxKeptFloats ? (int)BitOperations.RoundUpToPowerOf2((uint)needed) : needed;
        return GC.AllocateUninitializedArray<float>(length, pinned: true);
    }

    /// <summary>The first <paramref name="floats"/> floats of <paramref name="rented"/> from its first cache-line boundary.</summary>
    public static unsafe Span<float> Aligned(float[] rented, int floats)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(rented));
        int skip = (int)((CacheLine - (address & (CacheLine - 1))) & (CacheLine - 1)) / sizeof(float);
        return rented.AsSpan(skip, floats);
    }

    /// <summary>Keeps <paramref name="rented"/> for this thread's next call, unless it already keeps a larger one.</summary>
    public static void Return(float[] rented)
    {
        if (rented.Length <= MaxKeptFloats && (t_kept is null || t_kept.Length < rented.Length))
        {
            t_kept = rented;
        }
    }
}
