namespace Takedown.Matching.Exact;

/// <summary>
/// Identical-copy lookup: MD5 and SHA-256 digests, each with one or more ids. Not thread-safe for writes;
/// lookups may run concurrently with each other.
/// </summary>
public sealed class ExactHashIndex
{
    private readonly Dictionary<ExactHash, long> _first = [];
    private readonly Dictionary<ExactHash, List<long>> _more = [];

    /// <summary>Number of (digest, id) entries.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an id for a digest (the same pair twice is stored twice).</summary>
    public void Add(ExactHash hash, long id)
    {
        if (_first.TryAdd(hash, id))
        {
            Count++;
            return;
        }

        if (!_more.TryGetValue(hash, out List<long>? more))
        {
            _more[hash] = more = [];
        }

        more.Add(id);
        Count++;
    }

    /// <summary>Removes one (digest, id) entry.</summary>
    /// <returns><see langword="true"/> if it was there.</returns>
    public bool Remove(ExactHash hash, long id)
    {
        if (!_first.TryGetValue(hash, out long first))
        {
            return false;
        }

        _more.TryGetValue(hash, out List<long>? more);
        if (first == id)
        {
            if (more is { Count: > 0 })
            {
                _first[hash] = more[^1];
                more.RemoveAt(more.Count - 1);
            }
            else
            {
                _first.Remove(hash);
            }
        }
        else if (more is null || !more.Remove(id))
        {
            return false;
        }

        if (more is { Count: 0 })
        {
            _more.Remove(hash);
        }

        Count--;
        return true;
    }

    /// <summary>Whether any id has this digest.</summary>
    public bool Contains(ExactHash hash) => _first.ContainsKey(hash);

    /// <summary>Adds every id with this digest to <paramref name="ids"/> (in insertion order of the first, then the rest).</summary>
    /// <returns>The number of ids added.</returns>
    public int Find(ExactHash hash, ICollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (!_first.TryGetValue(hash, out long first))
        {
            return 0;
        }

        ids.Add(first);
        if (!_more.TryGetValue(hash, out List<long>? more))
        {
            return 1;
        }

        foreach (long id in more)
        {
            ids.Add(id);
        }

        return 1 + more.Count;
    }
}
