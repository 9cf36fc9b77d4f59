namespace Takedown.Matching.Video;

/// <summary>An indexed video that shares at least one matching frame with the query.</summary>
/// <param name="VideoId">The id the video was added with.</param>
/// <param name="Result">The percentages (the indexed video is the compared one) and whether they pass the thresholds.</param>
public readonly record struct VideoIndexMatch(long VideoId, VideoMatchResult Result);
