namespace Takedown.Hashing.Video;

/// <summary>A whole video's vPDQ hash: the probed stream and one entry per hashed frame, in frame order.</summary>
/// <param name="Stream">What ffprobe reported about the hashed stream.</param>
/// <param name="Frames">The hashed frames, in frame order.</param>
public sealed record VideoHashResult(VideoStreamInfo Stream, IReadOnlyList<VideoFrameHash> Frames);
