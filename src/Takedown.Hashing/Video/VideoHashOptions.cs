using System.Diagnostics;

namespace Takedown.Hashing.Video;

/// <summary>How a video is decoded and sampled for vPDQ.</summary>
public sealed class VideoHashOptions
{
    /// <summary>The defaults: one hash per second, stream-size frames, every core, generous limits.</summary>
    public static VideoHashOptions Default { get; } = new();

    /// <summary>
    /// Seconds between hashed frames. 0 hashes every frame (the reference <c>vpdq-hash-video</c> default);
    /// 1.0 is python-threatexchange's and HMA's default. A frame is hashed when
    /// <c>frameNumber % frameMod == 0</c> with <c>frameMod = (int)(SecondsPerHash * frameRate)</c>, at least 1.
    /// </summary>
    /// <value>The default value is 1.0.</value>
    public double SecondsPerHash { get; init; } = 1.0;

    /// <summary>
    /// When positive, frames are scaled (area filter) to exactly N×N before hashing, as the reference's <c>-s N</c>
    /// (the aspect ratio is not kept). 0 hashes frames at the stream size.
    /// </summary>
    /// <value>The default value is 0.</value>
    public int DownsampleSize { get; init; }

    /// <summary>Hashing workers; 0 uses every processor.</summary>
    /// <value>The default value is 0.</value>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Wall-clock limit for probing and decoding one video.</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest video accepted (checked on the probed duration and on the frames decoded).</summary>
    /// <value>The default value is 4 hours.</value>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Most frames decoded before giving up.</summary>
    /// <value>The default value is 1,000,000 (over 9 hours at 30 frames/s).</value>
    public int MaxFrames { get; init; } = 1_000_000;

    /// <summary>The <c>ffmpeg</c> program (a name found on PATH, or a full path).</summary>
    /// <value>The default value is <c>ffmpeg</c>.</value>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>The <c>ffprobe</c> program (a name found on PATH, or a full path).</summary>
    /// <value>The default value is <c>ffprobe</c>.</value>
    public string FfprobePath { get; init; } = "ffprobe";

    /// <summary>
    /// When sampling (frameMod &gt; 1), let FFmpeg's <c>select</c> filter drop the frames that are not hashed, so they
    /// are decoded but never colour-converted or piped. Off: every frame crosses the pipe and is skipped here.
    /// Both give the same frames (tested); this exists to measure the difference.
    /// </summary>
    internal bool UseSelectFilter { get; init; } = true;

    /// <summary>Test hook: called with each FFmpeg/ffprobe process right after it starts.</summary>
    internal Action<Process>? ProcessStarted { get; init; }

    internal int EffectiveParallelism =>
        MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount;

    internal void Validate()
    {
        if (double.IsNaN(SecondsPerHash) || SecondsPerHash < 0 || double.IsInfinity(SecondsPerHash))
        {
            throw new ArgumentOutOfRangeException(nameof(SecondsPerHash), SecondsPerHash, "Seconds per hash must be 0 or more.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(DownsampleSize);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDegreeOfParallelism);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrames, 1);
        ArgumentException.ThrowIfNullOrEmpty(FfmpegPath);
        ArgumentException.ThrowIfNullOrEmpty(FfprobePath);
    }
}
