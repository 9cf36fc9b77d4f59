using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;

namespace Takedown.Matching.Video;

/// <summary>The frame filters of the references: quality filter and exact-hash de-duplication (first one kept).</summary>
internal static class VideoFrameSelection
{
    /// <summary>Frames with quality ≥ <paramref name="threshold"/>, in order.</summary>
    public static List<PdqHash> QualityFiltered(IEnumerable<VideoFrameHash> frames, int threshold)
    {
        var result = new List<PdqHash>();
        foreach (VideoFrameHash frame in frames)
        {
            if (frame.Quality >= threshold)
            {
                result.Add(frame.Hash);
            }
        }

        return result;
    }

    /// <summary>python-threatexchange's brute matcher: <c>quality_filter(dedupe(frames))</c>.</summary>
    public static List<PdqHash> DedupeThenFilter(IEnumerable<VideoFrameHash> frames, int threshold)
    {
        var seen = new HashSet<PdqHash>();
        var result = new List<PdqHash>();
        foreach (VideoFrameHash frame in frames)
        {
            if (seen.Add(frame.Hash) && frame.Quality >= threshold)
            {
                result.Add(frame.Hash);
            }
        }

        return result;
    }

    /// <summary>python-threatexchange's index: <c>dedupe(quality_filter(frames))</c>.</summary>
    public static List<PdqHash> FilterThenDedupe(IEnumerable<VideoFrameHash> frames, int threshold)
    {
        var seen = new HashSet<PdqHash>();
        var result = new List<PdqHash>();
        foreach (VideoFrameHash frame in frames)
        {
            if (frame.Quality >= threshold && seen.Add(frame.Hash))
            {
                result.Add(frame.Hash);
            }
        }

        return result;
    }

    /// <summary>
    /// Unique hashes among frames with quality ≥ <paramref name="threshold"/>, each with how many such frames have
    /// it, in order of first appearance. With counts this serves both semantics.
    /// </summary>
    public static List<(PdqHash Hash, int Count)> CountedUnique(IEnumerable<VideoFrameHash> frames, int threshold)
    {
        var positions = new Dictionary<PdqHash, int>();
        var result = new List<(PdqHash Hash, int Count)>();
        foreach (VideoFrameHash frame in frames)
        {
            if (frame.Quality < threshold)
            {
                continue;
            }

            if (positions.TryGetValue(frame.Hash, out int position))
            {
                result[position] = (frame.Hash, result[position].Count + 1);
            }
            else
            {
                positions.Add(frame.Hash, result.Count);
                result.Add((frame.Hash, 1));
            }
        }

        return result;
    }
}
