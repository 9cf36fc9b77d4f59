namespace Takedown.Matching.Video;

/// <summary>How much of two videos matched.</summary>
/// <param name="QueryMatchPercent">Matched query frames × 100 / query frames considered (0 when none is considered).</param>
/// <param name="ComparedMatchPercent">Matched compared frames × 100 / compared frames considered (0 when none).</param>
/// <param name="IsMatch">Both percentages reach the thresholds of the <see cref="VideoMatchOptions"/>.</param>
/// <param name="QueryFrames">Query frames considered (after the quality filter, and de-duplication where it applies).</param>
/// <param name="QueryMatchedFrames">Of those, the frames within the distance threshold of some compared frame.</param>
/// <param name="ComparedFrames">Compared frames considered.</param>
/// <param name="ComparedMatchedFrames">Of those, the frames within the distance threshold of some query frame.</param>
public readonly record struct VideoMatchResult(
    double QueryMatchPercent,
    double ComparedMatchPercent,
    bool IsMatch,
    int QueryFrames,
    int QueryMatchedFrames,
    int ComparedFrames,
    int ComparedMatchedFrames)
{
    internal static VideoMatchResult Create(int queryFrames, int queryMatched, int comparedFrames, int comparedMatched, VideoMatchOptions options)
    {
        double queryPercent = Percent(queryMatched, queryFrames);
        double comparedPercent = Percent(comparedMatched, comparedFrames);
        bool isMatch = queryFrames > 0 && comparedFrames > 0 && options.IsMatch(queryPercent, comparedPercent);
        return new VideoMatchResult(queryPercent, comparedPercent, isMatch, queryFrames, queryMatched, comparedFrames, comparedMatched);
    }

    /// <summary><c>matched * 100 / total</c> in double, as both references compute it.</summary>
    private static double Percent(int matched, int total) => total == 0 ? 0 : matched * 100.0 / total;
}
