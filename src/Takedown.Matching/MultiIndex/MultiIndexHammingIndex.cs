using Takedown.Hashing.Pdq;
using Takedown.Matching.Flat;
using Takedown.Matching.Storage;

namespace Takedown.Matching.MultiIndex;

/// <summary>
/// Multi-index hashing (Norouzi et al.) with 16 slots of 16 bits: two hashes within distance d agree to within
/// floor(d/16) bits on at least one slot, so a query probes, in each slot's table, every bucket within that many
/// flips (17 buckets per slot at d = 31) and checks the candidates' full distance. Exact, radius up to 63; a larger
/// radius falls back to the flat scan of the same entries.
/// </summary>
/// <remarks>
/// Built tables are immutable compressed-sparse-row segments (<see cref="MihSegment"/>; from 2^23 entries the wide
/// 11 x 23-bit <see cref="MihWideSegment"/>, whose radius-31 query reads ~3,000 buckets of ~1 entry instead of 272
/// of ~150, and which answers radii up to 43; above that, an index holding one uses the flat scan); entries added since are
/// kept in a small linked-list delta and frozen into a new segment when it grows past 1/64 of the index (a bulk
/// <see cref="AddRange"/> builds its segment directly);
/// removals mark the entry and are dropped at the next full rebuild (once a quarter of entries are removed).
/// About 88-97 bytes per entry from 1M entries on: 40 for hash and id, 48 for the 16 three-byte postings plus 4 MB
/// of offsets per segment; in the wide layout 33 for the 11 postings plus 185 MB of offsets (92 bytes at 10M).
/// </remarks>
public sealed partial class MultiIndexHammingIndex : IHammingIndex
{
    /// <summary>The largest radius multi-index hashing answers (3 flips per slot); larger ones use the flat scan.</summary>
    public const int MaxRadius = 63;

    /// <summary>
    /// Segments of at least this many entries (2^23) use the wide 11 x 23-bit layout: from there its 185 MB of
    /// offsets cost at most 22 bytes per entry, and a radius-31 query reads ~3,000 buckets of ~1 entry instead of
    /// 272 of ~150. Searches above <see cref="WideSlots.MaxRadius"/> (43) then use the flat scan.
    /// </summary>
    internal const int WideMinEntries = 1 << 23;

    private readonly HashStore _store;
    private readonly int _minDeltaToFreeze;
    private readonly int _minRemovedToRebuild;
    private readonly int _wideMinEntries;
    private readonly List<MihTables> _segments = [];
    private readonly MihDelta _delta;
    private bool _hasWide;

    /// <summary>Whether one search may borrow a second core (see <see cref="HammingIndexOptions.ParallelSearch"/>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ParallelSearch { get; init; } = true;

    /// <summary>Creates an empty index.</summary>
    public MultiIndexHammingIndex()
        : this(new HashStore())
    {
    }

    /// <summary>Takes over a store (its entries are indexed at once).</summary>
    /// <param name="store">The entries.</param>
    /// <param name="minDeltaToFreeze">The smallest delta frozen into a segment (tests lower it to reach merges quickly).</param>
    /// <param name="minRemovedToRebuild">The fewest removed entries that trigger a full rebuild.</param>
    /// <param name="wideMinEntries">The smallest segment built in the wide 11 x 23-bit layout (tests lower it).</param>
    internal MultiIndexHammingIndex(HashStore store, int minDeltaToFreeze = 1 << 16, int minRemovedToRebuild = 1 << 16, int wideMinEntries = WideMinEntries)
    {
        _store = store;
        _wideMinEntries = wideMinEntries;
        _minDeltaToFreeze = minDeltaToFreeze;
        _minRemovedToRebuild = minRemovedToRebuild;
        _delta = new MihDelta(0);
        Rebuild();
    }

    /// <inheritdoc/>
    public int Count => _store.LiveCount;

    /// <inheritdoc/>
    public long MemoryBytes => _store.MemoryBytes + _delta.MemoryBytes + _segments.Sum(s => s.MemoryBytes);

    /// <summary>Number of built segments (for tests and diagnostics).</summary>
    internal int SegmentCount => _segments.Count;

    /// <summary>Number of built segments in the wide layout (for tests and diagnostics).</summary>
    internal int WideSegmentCount => _segments.Count(s => s is MihWideSegment);

    /// <summary>Entries in the mutable delta (for tests and diagnostics).</summary>
    internal int DeltaCount => _delta.Count;

    /// <inheritdoc/>
    public void Add(PdqHash hash, long id)
    {
        int position = _store.Append(hash, id);
        _delta.Add(_store, position);
        MaybeFreeze();
    }

    /// <inheritdoc/>
    public void AddRange(ReadOnlySpan<PdqHash> hashes, ReadOnlySpan<long> ids)
    {
        QueryWords.CheckLengths(hashes, ids);
        _store.EnsureCapacity(hashes.Length);
        if (_delta.Count + hashes.Length < FreezeLimit)
        {
            for (int i = 0; i < hashes.Length; i++)
            {
                _delta.Add(_store, _store.Append(hashes[i], ids[i]));
            }

            return;
        }

        // A bulk load: build segments over the delta and the new entries directly, skipping the linked lists.
        for (int i = 0; i < hashes.Length; i++)
        {
            _store.Append(hashes[i], ids[i]);
        }

        FreezeDelta();
    }

    /// <inheritdoc/>
    public bool Remove(PdqHash hash, long id)
    {
        Span<ulong> words = stackalloc ulong[4];
        hash.CopyTo(words);
        using var candidates = new CandidateBuffer();
        GatherExact(words, candidates);
        foreach (int position in candidates.Items)
        {
            if (_store.GetId(position) == id && _store.GetHash(position) == hash)
            {
                _store.MarkRemoved(position);
                if (_store.RemovedCount > Math.Max(_minRemovedToRebuild, _store.Count / 4))
                {
                    Rebuild();
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
        if (radius > MaxRadius || (radius > WideSlots.MaxRadius && _hasWide))
        {
            ulong[] words = QueryWords.Create(queries, radius, PdqHash.BitCount);
            var hits = new List<RawHit>();
            FlatScanner.Search(_store, FlatScanner.Best, words, radius, hits, ParallelSearch);
            HitCollector.Finish(_store, hits, results);
            return;
        }

        // Per-thread buffers: a search allocates nothing (the service runs one per request).
        QueryScratch scratch = QueryScratch.Current;
        try
        {
            QueryWords.Fill(queries, radius, PdqHash.BitCount, scratch.Words);
            SearchTables(scratch, queries.Length, radius);
            HitCollector.Finish(_store, scratch.Hits, results, scratch.Best);
        }
        finally
        {
            scratch.Reset();
        }
    }

    /// <summary>Compacts removed entries away and rebuilds every segment.</summary>
    public void Rebuild()
    {
        _store.Compact();
        _store.TrimExcess();
        _segments.Clear();
        for (int start = 0; start < _store.Count; start += MihTables.MaxEntries)
        {
            _segments.Add(BuildSegment(start, Math.Min(MihTables.MaxEntries, _store.Count - start)));
        }

        _delta.Reset(_store.Count);
        _store.UseHugePages();
        _hasWide = _segments.Exists(s => s is MihWideSegment);
    }

    /// <summary>The delta size at which it is frozen into a segment: 1/64 of the index, at least 64 Ki entries.</summary>
    private int FreezeLimit => Math.Min(MihTables.MaxEntries, Math.Max(_minDeltaToFreeze, _store.Count / 64));

    private void MaybeFreeze()
    {
        if (_delta.Count >= FreezeLimit)
        {
            FreezeDelta();
        }
    }

    /// <summary>Builds segments over every position after the last segment, then merges similar-sized neighbours.</summary>
    private void FreezeDelta()
    {
        for (int start = _delta.Start; start < _store.Count; start += MihTables.MaxEntries)
        {
            _segments.Add(BuildSegment(start, Math.Min(MihTables.MaxEntries, _store.Count - start)));
        }

        _delta.Reset(_store.Count);
        _store.UseHugePages();

        // Segments cover consecutive positions, newest last; merging two neighbours is one build over both ranges.
        // Merging only when the newer is at least half the older keeps the segment count logarithmic.
        while (_segments.Count >= 2)
        {
            MihTables newer = _segments[^1];
            MihTables older = _segments[^2];
            if (2L * newer.Count < older.Count || (long)older.Count + newer.Count > MihTables.MaxEntries)
            {
                break;
            }

            _segments.RemoveRange(_segments.Count - 2, 2);
            _segments.Add(BuildSegment(older.Start, older.Count + newer.Count));
        }

        _hasWide = _segments.Exists(s => s is MihWideSegment);
    }

    /// <summary>Appends every entry whose first slot equals the hash's (all entries with this exact hash among them).</summary>
    private void GatherExact(ReadOnlySpan<ulong> words, CandidateBuffer candidates)
    {
        Span<int> keys = stackalloc int[1];
        foreach (MihTables segment in _segments)
        {
            if (segment is MihWideSegment wide)
            {
                keys[0] = WideSlots.Key(words, 0);
                wide.GatherAll(keys, WideSlots.Masks(0), candidates, tables: 1);
            }
            else
            {
                keys[0] = Slots.Key(words, 0);
                ((MihSegment)segment).GatherAll(keys, FlipMasks.UpTo(0), candidates, tables: 1);
            }
        }

        _delta.Gather(0, Slots.Key(words, 0), FlipMasks.UpTo(0), candidates);
    }

    /// <summary>Builds the tables of [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>): wide from <see cref="WideMinEntries"/> entries on.</summary>
    private MihTables BuildSegment(int start, int count) =>
        (count >= _wideMinEntries ? MihWideSegment.TryBuild(_store, start, count) : null) ?? (MihTables)MihSegment.Build(_store, start, count);
}
