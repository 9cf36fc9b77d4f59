using Takedown.Hashing.Pdq;
using Takedown.Matching.Flat;
using Takedown.Matching.MultiIndex;

namespace Takedown.Matching;

/// <summary>
/// The Hamming index to use: a flat scan while small, multi-index hashing once large (see
/// <see cref="HammingIndexOptions"/>), with a reader-writer lock so queries can run while entries are added
/// and removed. Results are exact whichever strategy runs.
/// </summary>
public sealed class HammingIndex : IHammingIndex, IDisposable
{
    /// <summary>The most query hashes one search takes (the eight dihedral variants).</summary>
    public const int MaxQueries = 8;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly HammingIndexOptions _options;
    private IHammingIndex _inner;

    /// <summary>Creates an empty index.</summary>
    public HammingIndex(HammingIndexOptions? options = null)
    {
        _options = options ?? new HammingIndexOptions();
        _inner = _options.Strategy == HammingIndexStrategy.MultiIndex
            ? new MultiIndexHammingIndex { ParallelSearch = _options.ParallelSearch }
            : new FlatHammingIndex { ParallelSearch = _options.ParallelSearch };
    }

    /// <summary>The strategy in use now.</summary>
    public HammingIndexStrategy ActiveStrategy =>
        _inner is MultiIndexHammingIndex ? HammingIndexStrategy.MultiIndex : HammingIndexStrategy.Flat;

    /// <inheritdoc/>
    public int Count => _inner.Count;

    /// <inheritdoc/>
    public long MemoryBytes => _inner.MemoryBytes;

    /// <inheritdoc/>
    public void Add(PdqHash hash, long id)
    {
        _lock.EnterWriteLock();
        try
        {
            _inner.Add(hash, id);
            SwitchIfLarge();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc/>
    public void AddRange(ReadOnlySpan<PdqHash> hashes, ReadOnlySpan<long> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            _inner.AddRange(hashes, ids);
            SwitchIfLarge();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc/>
    public bool Remove(PdqHash hash, long id)
    {
        _lock.EnterWriteLock();
        try
        {
            return _inner.Remove(hash, id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc/>
    public void Search(ReadOnlySpan<PdqHash> queries, int radius, List<HammingMatch> results)
    {
        _lock.EnterReadLock();
        try
        {
            _inner.Search(queries, radius, results);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Finds every entry within <paramref name="radius"/> of one hash.</summary>
    public List<HammingMatch> Search(PdqHash query, int radius)
    {
        var results = new List<HammingMatch>();
        Search([query], radius, results);
        return results;
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

    private void SwitchIfLarge()
    {
        if (_options.Strategy == HammingIndexStrategy.Auto && _inner is FlatHammingIndex flat &&
            flat.Count >= _options.MultiIndexThreshold)
        {
            _inner = new MultiIndexHammingIndex(flat.DetachStore()) { ParallelSearch = _options.ParallelSearch };
        }
    }
}
