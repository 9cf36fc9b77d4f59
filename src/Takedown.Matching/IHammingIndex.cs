using Takedown.Hashing.Pdq;

namespace Takedown.Matching;

/// <summary>
/// An in-memory index of 256-bit hashes, each with an id, that answers exact radius queries:
/// every entry within the radius is returned, exactly as a brute-force scan would return it.
/// </summary>
/// <remarks>
/// Queries may run concurrently with each other. <see cref="Add"/>, <see cref="AddRange"/> and
/// <see cref="Remove"/> need exclusive access; <see cref="HammingIndex"/> takes that lock for you.
/// </remarks>
public interface IHammingIndex
{
    /// <summary>Number of live entries (added and not removed).</summary>
    public int Count { get; }

    /// <summary>Bytes held by the index: hashes, ids and any search structures.</summary>
    public long MemoryBytes { get; }

    /// <summary>Adds one entry. Ids need not be unique; <see cref="long.MinValue"/> is reserved.</summary>
    public void Add(PdqHash hash, long id);

    /// <summary>Adds many entries; <paramref name="hashes"/> and <paramref name="ids"/> pair up by position.</summary>
    public void AddRange(ReadOnlySpan<PdqHash> hashes, ReadOnlySpan<long> ids);

    /// <summary>Removes one entry that has exactly this hash and id.</summary>
    /// <returns><see langword="true"/> if an entry was found and removed.</returns>
    public bool Remove(PdqHash hash, long id);

    /// <summary>
    /// Finds every entry within <paramref name="radius"/> (inclusive: distance 31 matches at radius 31) of any of
    /// the <paramref name="queries"/> (1 to <see cref="HammingIndex.MaxQueries"/> hashes, typically the eight
    /// dihedral hashes of an image), in one pass.
    /// </summary>
    /// <param name="queries">The query hashes.</param>
    /// <param name="radius">The largest distance that matches, 0..256.</param>
    /// <param name="results">
    /// Cleared, then filled with one match per id (its best distance over all queries and entries with that id),
    /// nearest first, ties by id.
    /// </param>
    public void Search(ReadOnlySpan<PdqHash> queries, int radius, List<HammingMatch> results);
}
