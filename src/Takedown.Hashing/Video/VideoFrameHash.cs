using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Video;

/// <summary>The PDQ hash of one video frame, as one line of the reference's vPDQ output.</summary>
/// <param name="FrameNumber">0-based index of the frame in decoding output order.</param>
/// <param name="Quality">PDQ quality of the frame, 0..100.</param>
/// <param name="Hash">PDQ hash of the frame.</param>
/// <param name="Timestamp">
/// Nominal time in seconds, <c>(float)frameNumber / (float)frameRate</c> as the reference computes it (not the PTS).
/// </param>
public readonly record struct VideoFrameHash(int FrameNumber, int Quality, PdqHash Hash, float Timestamp);
