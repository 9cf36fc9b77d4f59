using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;

namespace Takedown.Matching.Video;

/// <summary>
/// Compares two videos frame by frame (every filtered query frame against every filtered compared frame): the
/// references' brute-force matchers, python-threatexchange's <c>match_VPDQ_hash_brute</c> and the C++
/// <c>matchTwoHashBrute</c>. Use <see cref="VideoIndex"/> to match against many videos.
/// </summary>
public static class VideoBruteMatcher
{
    /// <summary>Matches <paramref name="query"/> against <paramref name="compared"/>.</summary>
    public static VideoMatchResult Match(
        IReadOnlyCollection<VideoFrameHash> query, IReadOnlyCollection<VideoFrameHash> compared, VideoMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(compared);
        options ??= VideoMatchOptions.Default;
        options.Validate();
        List<PdqHash> queryHashes;
        List<PdqHash> comparedHashes;
        if (options.Semantics == VideoMatchSemantics.Reference)
        {
            queryHashes = VideoFrameSelection.QualityFiltered(query, options.QualityThreshold);
            comparedHashes = VideoFrameSelection.QualityFiltered(compared, options.QualityThreshold);
        }
        else
        {
            queryHashes = VideoFrameSelection.DedupeThenFilter(query, options.QualityThreshold);
            comparedHashes = VideoFrameSelection.DedupeThenFilter(compared, options.QualityThreshold);
        }

        int maxDistance = options.MaxFrameDistance;
        int queryMatched = CountMatched(queryHashes, comparedHashes, maxDistance);
        int comparedMatched = CountMatched(comparedHashes, queryHashes, maxDistance);
        return VideoMatchResult.Create(queryHashes.Count, queryMatched, comparedHashes.Count, comparedMatched, options);
    }

    /// <summary>How many of <paramref name="frames"/> are within <paramref name="maxDistance"/> of any of <paramref name="others"/>.</summary>
    private static int CountMatched(List<PdqHash> frames, List<PdqHash> others, int maxDistance)
    {
        int matched = 0;
        foreach (PdqHash frame in frames)
        {
            foreach (PdqHash other in others)
            {
                if (PdqHash.Distance(frame, other) <= maxDistance)
                {
                    matched++;
                    break;
                }
            }
        }

        return matched;
    }
}
