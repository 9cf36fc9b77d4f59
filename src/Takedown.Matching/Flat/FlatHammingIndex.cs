using Takedown.Hashing.Pdq;
using Takedown.Matching.MultiIndex;
using Takedown.Matching.Storage;

namespace Takedown.Matching.Flat;

/// <summary>
/// Exhaustive search: every query scans all entries (first 128 bits first, the rest only for survivors),
/// on all cores, with AVX2, SSSE3 or scalar popcount. Any radius; 40 bytes per entry.
/// </summary>
public sealed class FlatHammingIndex : IHammingIndex
{
    private readonly ScanKernel _kernel;

    /// <summary>Creates an empty index that scans with the fastest instructions available.</summary>
    public FlatHammingIndex()
        : this(new HashStore(), FlatScanner.Best)
    {
    }

    /// <summary>Whether one search may borrow a second core (see <see cref="HammingIndexOptions.ParallelSearch"/>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ParallelSearch { get; init; } = true;

    internal FlatHammingIndex(HashStore store, ScanKernel kernel)
    {
        if (!FlatScanner.IsSupported(kernel))
        {
            throw new PlatformNotSupportedException($"The {kernel} scan kernel is not supported on this machine.");
        }

        Store = store;
        _kernel = kernel;
    }

    /// <inheritdoc/>
    public int Count => Store.LiveCount;

    /// <inheritdoc/>
    public long MemoryBytes => Store.MemoryBytes;

    internal HashStore Store { get; private set; }

    /// <inheritdoc/>
    public void Add(PdqHash hash, long id) => Store.Append(hash, id);

    /// <inheritdoc/>
    public void AddRange(ReadOnlySpan<PdqHash> hashes, ReadOnlySpan<long> ids)
    {
        QueryWords.CheckLengths(hashes, ids);
        Store.EnsureCapacity(hashes.Length);
        for (int i = 0; i < hashes.Length; i++)
        {
            Store.Append(hashes[i], ids[i]);
        }
    }

    /// <inheritdoc/>
    public bool Remove(PdqHash hash, long id)
    {
        ulong[] words = QueryWords.Create([hash], 0, PdqHash.BitCount);
        var hits = new List<RawHit>();
        FlatScanner.Search(Store, _kernel, words, 0, hits, ParallelSearch);
        foreach (RawHit hit in hits)
        {
            if (Store.GetId(hit.Position) == id)
            {
                Store.MarkRemoved(hit.Position);

                // Removed entries are skipped by every scan; drop them once they are a quarter of the store.
                if (Store.RemovedCount > Math.Max(1024, Store.Count / 4))
                {
                    Store.Compact();
                }

                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public void Search(ReadOnlySpan<PdqHash> queries, int radius, List<HammingMatch> results)
    {
        ArgumentNullException.ThrowIfNull(results);

        // Per-thread buffers: a single-threaded search allocates nothing (the service runs one per request).
        QueryScratch scratch = QueryScratch.Current;
        try
        {
            ulong[] words = scratch.WordsFor(queries.Length) ?? QueryWords.Create(queries, radius, PdqHash.BitCount);
            QueryWords.Fill(queries, radius, PdqHash.BitCount, words);
            FlatScanner.Search(Store, _kernel, words, radius, scratch.Hits, ParallelSearch);
            HitCollector.Finish(Store, scratch.Hits, results, scratch.Best);
        }
        finally
        {
            scratch.Reset();
        }
    }

    /// <summary>Releases spare capacity (the tail of the last chunk) once adding is done.</summary>
    public void TrimExcess() => Store.TrimExcess();

    /// <summary>Hands the store over to another index (the auto index moving to multi-index hashing).</summary>
    internal HashStore DetachStore()
    {
        HashStore store = Store;
        Store = new HashStore();
        return store;
    }
}
