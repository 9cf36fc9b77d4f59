namespace Takedown.Hashing.Video;

/// <summary>What <c>ffprobe</c> reports about the video stream that is hashed (the first one that is not cover art).</summary>
/// <param name="StreamIndex">Absolute stream index in the container (used as <c>-map 0:INDEX</c>).</param>
/// <param name="Width">Stored frame width in pixels (before any display rotation).</param>
/// <param name="Height">Stored frame height in pixels (before any display rotation).</param>
/// <param name="FrameRate">
/// Frames per second as a double: <c>avg_frame_rate</c>, else <c>r_frame_rate</c>, as the reference reads it.
/// </param>
/// <param name="Duration">Duration in seconds (stream, else container), or <see langword="null"/> when unknown.</param>
/// <param name="FrameCount">The container's frame count (<c>nb_frames</c>), or <see langword="null"/> when unknown.</param>
/// <param name="Rotation">
/// Display rotation in degrees from the display matrix (0 when none). Reported only: like the reference, frames are
/// hashed as stored, and FFmpeg is run with <c>-noautorotate</c>.
/// </param>
/// <param name="CodecName">The codec's short name, for example <c>h264</c>.</param>
public sealed record VideoStreamInfo(
    int StreamIndex,
    int Width,
    int Height,
    double FrameRate,
    double? Duration,
    long? FrameCount,
    int Rotation,
    string CodecName);
