using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Matching.Storage;

/// <summary>
/// Asks Linux to back big, pinned, randomly read arrays with 2 MB pages (<c>madvise(MADV_COLLAPSE)</c>, Linux 6.1+).
/// </summary>
/// <remarks>
/// Multi-index verification reads one random cache line per candidate, tens of thousands per query, spread over
/// hundreds of megabytes: with 4 KB pages nearly every read also misses the TLB and walks the page tables (twice
/// over in a virtual machine). With 2 MB pages the hash column of 10M entries fits the TLB, which measured 2-3x
/// fewer nanoseconds per candidate here. Only the hash-prefix column is asked for (the widening below usually
/// takes in the store's neighbouring columns too): collapsing is a synchronous copy, and collapsing the multi-index postings
/// as well (48 bytes per entry, read at only a few hundred places per query) made building 10M entries about 2.5x
/// slower under load. Best effort: any failure (another OS, an older
/// kernel, no free huge page) leaves the 4 KB pages in place. The range is widened to 2 MB boundaries, so
/// neighbouring objects of the pinned heap may share the huge pages; that only costs memory they already use.
/// </remarks>
internal static partial class HugePages
{
    private const int MadviseCollapse = 25;
    private const long HugePageSize = 2L << 20;

    /// <summary>The smallest array worth collapsing (smaller ones fit the TLB anyway).</summary>
    private const long MinBytes = 512L << 10;

    /// <summary>Whether to ask for huge pages at all (benchmarks turn it off to measure the difference).</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>Collapses the pages under a pinned array into huge pages where the kernel can.</summary>
    public static unsafe void Collapse<T>(T[] array)
        where T : unmanaged
    {
        long bytes = (long)array.Length * sizeof(T);
        if (!Enabled || !OperatingSystem.IsLinux() || bytes < MinBytes)
        {
            return;
        }

        long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        long from = start & ~(HugePageSize - 1);
        long to = (start + bytes + HugePageSize - 1) & ~(HugePageSize - 1);
        _ = Madvise((nint)from, (nuint)(to - from), MadviseCollapse);
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
