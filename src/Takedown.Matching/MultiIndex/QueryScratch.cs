using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// The buffers of one search, kept per thread so a search allocates nothing: query words, slot keys, bucket ranges,
/// candidates (multi-index), raw hits and the per-id deduplication map (both strategies).
/// </summary>
internal sealed class QueryScratch
{
    /// <summary>Candidate buffers grown past this many positions are given back after the search (a 100M-entry batch).</summary>
    private const int KeepCandidates = 1 << 20;

    [ThreadStatic]
    private static QueryScratch? t_current;

    private readonly ulong[]?[] _wordsByCount = new ulong[HammingIndex.MaxQueries][];
    private int[] _ranges = new int[2 * 17 * Slots.Count * HammingIndex.MaxQueries];

    /// <summary>This thread's scratch (a search must not start another search on the same thread).</summary>
    public static QueryScratch Current => t_current ??= new QueryScratch();

    /// <summary>Four words per query hash.</summary>
    public ulong[] Words { get; } = new ulong[4 * HammingIndex.MaxQueries];

    /// <summary>Query words sized exactly for <paramref name="queries"/> queries (the flat kernels take the query count from the length), or null outside 1..8.</summary>
    public ulong[]? WordsFor(int queries)
    {
        if (queries is < 1 or > HammingIndex.MaxQueries)
        {
            return null;
        }

        return _wordsByCount[queries - 1] ??= new ulong[4 * queries];
    }

    /// <summary>For each query, the end (exclusive) of its candidates in <see cref="Candidates"/>.</summary>
    public int[] Ends { get; } = new int[HammingIndex.MaxQueries];

    /// <summary>Slot keys, <see cref="Slots.Count"/> per query.</summary>
    public int[] Keys { get; } = new int[Slots.Count * HammingIndex.MaxQueries];

    /// <summary>Wide-layout slot keys, <see cref="WideSlots.Count"/> per query.</summary>
    public int[] WideKeys { get; } = new int[WideSlots.Count * HammingIndex.MaxQueries];

    /// <summary>Candidate positions of all queries, query by query.</summary>
    public CandidateBuffer Candidates { get; } = new();

    /// <summary>Positions within the radius.</summary>
    public List<RawHit> Hits { get; } = [];

    /// <summary>Id to index in the results, for deduplication.</summary>
    public Dictionary<long, int> Best { get; } = [];

    /// <summary>A bucket-range buffer of at least <paramref name="length"/> ints (two per probe).</summary>
    public Span<int> Ranges(int length)
    {
        if (_ranges.Length < length)
        {
            _ranges = new int[Math.Max(length, 2 * _ranges.Length)];
        }

        return _ranges.AsSpan(0, length);
    }

    /// <summary>Empties the buffers after a search, giving back a candidate buffer that grew very large.</summary>
    public void Reset()
    {
        Candidates.Clear();
        Candidates.TrimTo(KeepCandidates);
        Hits.Clear();
        Best.Clear();
    }
}
