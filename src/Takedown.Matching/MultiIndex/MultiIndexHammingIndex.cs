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
/// Built tables are immutable compressed-sparse-row segments (<see cref="MihSegment"/>); entries added since are
/// kept in a small linked-list delta and frozen into a new segment when it grows past 1/64 of the index (a bulk
/// <see cref="AddRange"/> builds its segment directly);
/// removals mark the entry and are dropped at the next full rebuild (once a quarter of entries are removed).
/// About 88 bytes per entry: 40 for hash and id, 48 for the 16 three-byte postings.
/// </remarks>
public sealed partial class MultiIndexHammingIndex : IHammingIndex
{
    /// <summary>The largest radius multi-index hashing answers (3 flips per slot); larger ones use the flat scan.</summary>
    public const int MaxRadius = 63;

    private readonly HashStore _store;
    private readonly int _minDeltaToFreeze;
    private readonly int _minRemovedToRebuild;
    private readonly List<MihSegment> _segments = [];
    private readonly MihDelta _delta;

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
    internal MultiIndexHammingIndex(HashStore store, int minDeltaToFreeze = 1 << 16, int minRemovedToRebuild = 1 << 16)
    {
        _store = store;
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
        GatherAll(words, FlipMasks.UpTo(0), candidates, tables: 1);
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
        if (radius > MaxRadius)
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
        for (int start = 0; start < _store.Count; start += MihSegment.MaxEntries)
        {
            _segments.Add(MihSegment.Build(_store, start, Math.Min(MihSegment.MaxEntries, _store.Count - start)));
        }

        _delta.Reset(_store.Count);
        _store.UseHugePages();
    }

    /// <summary>The delta size at which it is frozen into a segment: 1/64 of the index, at least 64 Ki entries.</summary>
    private int FreezeLimit => Math.Min(MihSegment.MaxEntries, Math.Max(_minDeltaToFreeze, _store.Count / 64));

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
        for (int start = _delta.Start; start < _store.Count; start += MihSegment.MaxEntries)
        {
            _segments.Add(MihSegment.Build(_store, start, Math.Min(MihSegment.MaxEntries, _store.Count - start)));
        }

        _delta.Reset(_store.Count);
        _store.UseHugePages();

        // Segments cover consecutive positions, newest last; merging two neighbours is one build over both ranges.
        // Merging only when the newer is at least half the older keeps the segment count logarithmic.
        while (_segments.Count >= 2)
        {
            MihSegment newer = _segments[^1];
            MihSegment older = _segments[^2];
            if (2L * newer.Count < older.Count || (long)older.Count + newer.Count > MihSegment.MaxEntries)
            {
                break;
            }

            _segments.RemoveRange(_segments.Count - 2, 2);
            _segments.Add(MihSegment.Build(_store, older.Start, older.Count + newer.Count));
        }
    }

    /// <summary>Appends the candidates of one query: every entry sharing a probed bucket in the first <paramref name="tables"/> tables.</summary>
    private void GatherAll(ReadOnlySpan<ulong> words, ReadOnlySpan<ushort> masks, CandidateBuffer candidates, int tables = Slots.Count)
    {
        Span<int> keys = stackalloc int[Slots.Count];
        for (int table = 0; table < tables; table++)
        {
            keys[table] = Slots.Key(words, table);
        }

        foreach (MihSegment segment in _segments)
        {
            segment.GatherAll(keys, masks, candidates, tables);
        }

        for (int table = 0; table < tables; table++)
        {
            _delta.Gather(table, keys[table], masks, candidates);
        }
    }

    /// <summary>
    /// Appends the candidates of <paramref name="queries"/> queries (words in <c>scratch.Words</c>), query by query,
    /// recording where each query's end in <c>scratch.Ends</c>. Each of the three probing sweeps
    /// (<see cref="MihSegment"/>) runs for every query and segment before the next starts, so the random reads of
    /// all queries (eight for a dihedral search) are in flight together.
    /// </summary>
    private void GatherBatch(QueryScratch scratch, int queries, ReadOnlySpan<ushort> masks)
    {
        Span<int> keys = scratch.Keys.AsSpan(0, Slots.Count * queries);
        ReadOnlySpan<ulong> words = scratch.Words;
        for (int k = 0; k < queries; k++)
        {
            for (int table = 0; table < Slots.Count; table++)
            {
                keys[(k * Slots.Count) + table] = Slots.Key(words.Slice(4 * k, 4), table);
            }
        }

        List<MihSegment> segments = _segments;
        int rangeLength = 2 * masks.Length * Slots.Count;
        Span<int> ranges = scratch.Ranges(rangeLength * queries * segments.Count);
        for (int k = 0; k < queries; k++)
        {
            foreach (MihSegment segment in segments)
            {
                segment.PrefetchOffsets(keys.Slice(k * Slots.Count, Slots.Count), masks);
            }
        }

        int pairs = queries * segments.Count;
        Span<int> lengths = pairs <= 256 ? stackalloc int[pairs] : new int[pairs];
        int total = 0;
        for (int k = 0; k < queries; k++)
        {
            for (int s = 0; s < segments.Count; s++)
            {
                int pair = (k * segments.Count) + s;
                Span<int> range = ranges.Slice(pair * rangeLength, rangeLength);
                lengths[pair] = segments[s].ReadRanges(keys.Slice(k * Slots.Count, Slots.Count), masks, range);
                total += lengths[pair];
            }
        }

        CandidateBuffer candidates = scratch.Candidates;
        candidates.EnsureCapacity(total);
        for (int k = 0; k < queries; k++)
        {
            for (int s = 0; s < segments.Count; s++)
            {
                int pair = (k * segments.Count) + s;
                segments[s].CopyPostings(ranges.Slice(pair * rangeLength, rangeLength), masks.Length, candidates.Reserve(lengths[pair]));
            }

            for (int table = 0; table < Slots.Count; table++)
            {
                _delta.Gather(table, keys[(k * Slots.Count) + table], masks, candidates);
            }

            scratch.Ends[k] = candidates.Count;
        }
    }
}
