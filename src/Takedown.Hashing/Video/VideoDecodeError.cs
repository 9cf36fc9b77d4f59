namespace Takedown.Hashing.Video;

/// <summary>Why a video could not be decoded or hashed (see <see cref="VideoDecodeException.Reason"/>).</summary>
public enum VideoDecodeError
{
    /// <summary>FFmpeg failed while decoding; the message carries the tail of its error output.</summary>
    DecodeFailed = 0,

    /// <summary>
    /// The file ends early: FFmpeg reported errors and delivered fewer frames than the container declares
    /// (a cut-off download or upload).
    /// </summary>
    Truncated,

    /// <summary>The file does not exist.</summary>
    FileNotFound,

    /// <summary>The file is empty (zero bytes).</summary>
    EmptyFile,

    /// <summary>The file is not a media file FFmpeg recognises (or is damaged beyond reading its header).</summary>
    NotMedia,

    /// <summary>The file is media but has no video stream (for example audio only).</summary>
    NoVideoStream,

    /// <summary>The frames are smaller than the 5 pixels PDQ needs on each side.</summary>
    TooSmall,

    /// <summary>The frames are larger than this implementation accepts (16384 pixels a side, 1 GiB of RGB per frame).</summary>
    TooLarge,

    /// <summary>The stream declares no usable frame rate.</summary>
    NoFrameRate,

    /// <summary>The video is longer than <see cref="VideoHashOptions.MaxDuration"/>.</summary>
    TooLong,

    /// <summary>The video has more frames than <see cref="VideoHashOptions.MaxFrames"/>.</summary>
    TooManyFrames,

    /// <summary>Decoding took longer than <see cref="VideoHashOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>The <c>ffmpeg</c> or <c>ffprobe</c> program could not be started.</summary>
    FfmpegUnavailable,
}
