namespace Takedown.Matching.MultiIndex;

public sealed partial class MultiIndexHammingIndex
{
    /// <summary>
    /// Appends the candidates of <paramref name="queries"/> queries (words in <c>scratch.Words</c>), query by query,
    /// recording where each query's end in <c>scratch.Ends</c>. Each of the three probing sweeps
    /// (<see cref="MihSegment"/>, <see cref="MihWideSegment"/>) runs for every query and segment before the next
    /// starts, so the random reads of all queries (eight for a dihedral search) are in flight together.
    /// </summary>
    private void GatherBatch(QueryScratch scratch, int queries, int radius)
    {
        ReadOnlySpan<ushort> masks = FlipMasks.UpTo(radius >> 4);
        ReadOnlySpan<int> wideMasks = _hasWide ? WideSlots.Masks(WideSlots.FlipsFor(radius)) : default;
        Span<int> keys = scratch.Keys.AsSpan(0, Slots.Count * queries);
        Span<int> wideKeys = scratch.WideKeys.AsSpan(0, WideSlots.Count * queries);
        ReadOnlySpan<ulong> words = scratch.Words;
        for (int k = 0; k < queries; k++)
        {
            ReadOnlySpan<ulong> query = words.Slice(4 * k, 4);
            for (int table = 0; table < Slots.Count; table++)
            {
                keys[(k * Slots.Count) + table] = Slots.Key(query, table);
            }

            if (_hasWide)
            {
                for (int table = 0; table < WideSlots.Count; table++)
                {
                    wideKeys[(k * WideSlots.Count) + table] = WideSlots.Key(query, table);
                }
            }
        }

        List<MihTables> segments = _segments;
        int narrowLength = 2 * masks.Length * Slots.Count;
        int wideLength = 2 * wideMasks.Length * WideSlots.Count;
        int perQuery = 0;
        foreach (MihTables segment in segments)
        {
            perQuery += segment is MihWideSegment ? wideLength : narrowLength;
        }

        Span<int> ranges = scratch.Ranges(perQuery * queries);
        for (int k = 0; k < queries; k++)
        {
            foreach (MihTables segment in segments)
            {
                if (segment is MihWideSegment wide)
                {
                    wide.PrefetchOffsets(wideKeys.Slice(k * WideSlots.Count, WideSlots.Count), wideMasks);
                }
                else
                {
                    ((MihSegment)segment).PrefetchOffsets(keys.Slice(k * Slots.Count, Slots.Count), masks);
                }
            }
        }

        int pairs = queries * segments.Count;
        Span<int> lengths = pairs <= 256 ? stackalloc int[pairs] : new int[pairs];
        int total = 0;
        int offset = 0;
        for (int k = 0; k < queries; k++)
        {
            for (int s = 0; s < segments.Count; s++)
            {
                int pair = (k * segments.Count) + s;
                if (segments[s] is MihWideSegment wide)
                {
                    lengths[pair] = wide.ReadRanges(wideKeys.Slice(k * WideSlots.Count, WideSlots.Count), wideMasks, ranges.Slice(offset, wideLength));
                    offset += wideLength;
                }
                else
                {
                    lengths[pair] = ((MihSegment)segments[s]).ReadRanges(keys.Slice(k * Slots.Count, Slots.Count), masks, ranges.Slice(offset, narrowLength));
                    offset += narrowLength;
                }

                total += lengths[pair];
            }
        }

        CandidateBuffer candidates = scratch.Candidates;
        candidates.EnsureCapacity(total);
        offset = 0;
        for (int k = 0; k < queries; k++)
        {
            for (int s = 0; s < segments.Count; s++)
            {
                int pair = (k * segments.Count) + s;
                if (segments[s] is MihWideSegment wide)
                {
                    wide.CopyPostings(ranges.Slice(offset, wideLength), wideMasks.Length, candidates.Reserve(lengths[pair]));
                    offset += wideLength;
                }
                else
                {
                    ((MihSegment)segments[s]).CopyPostings(ranges.Slice(offset, narrowLength), masks.Length, candidates.Reserve(lengths[pair]));
                    offset += narrowLength;
                }
            }

            for (int table = 0; table < Slots.Count; table++)
            {
                _delta.Gather(table, keys[(k * Slots.Count) + table], masks, candidates);
            }

            scratch.Ends[k] = candidates.Count;
        }
    }
}
