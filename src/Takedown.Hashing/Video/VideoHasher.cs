using System.Runtime.CompilerServices;

namespace Takedown.Hashing.Video;

/// <summary>
/// vPDQ: the PDQ hash of every sampled frame of a video, compatible with Meta's reference (<c>vpdq/cpp</c>).
/// Frames are decoded by the <c>ffmpeg</c> program (swscale area filter to RGB24, as the reference), streamed through
/// a pipe into PDQ on every core, and returned in frame order. No temporary files are written.
/// </summary>
public static class VideoHasher
{
    /// <summary>Probes and hashes a whole video.</summary>
    /// <exception cref="VideoDecodeException">The video cannot be decoded; <see cref="VideoDecodeException.Reason"/> says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<VideoHashResult> HashAsync(string path, VideoHashOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= VideoHashOptions.Default;
        VideoStreamInfo stream = await VideoProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
        var frames = new List<VideoFrameHash>(EstimateHashedFrames(stream, options));
        await foreach (VideoFrameHash frame in HashFramesAsync(path, stream, options, cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame);
        }

        return new VideoHashResult(stream, frames);
    }

    /// <summary>
    /// Hashes the sampled frames of an already probed video (see <see cref="VideoProbe.ProbeAsync"/>), yielding each
    /// as soon as it and all earlier ones are done. Stopping the enumeration early stops FFmpeg.
    /// </summary>
    /// <exception cref="VideoDecodeException">The video cannot be decoded; <see cref="VideoDecodeException.Reason"/> says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async IAsyncEnumerable<VideoFrameHash> HashFramesAsync(
        string path,
        VideoStreamInfo stream,
        VideoHashOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= VideoHashOptions.Default;
        options.Validate();
        string fullPath = VideoProbe.CheckFile(path);
        FramePlan plan = FramePlan.Create(stream, options);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        FramePipeline pipeline = FramePipeline.Start(fullPath, plan, options, timeout.Token);
        await using (pipeline.ConfigureAwait(false))
        {
            while (true)
            {
                VideoFrameHash? next;
                try
                {
                    next = await pipeline.NextAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                {
                    throw new VideoDecodeException(VideoDecodeError.Timeout, $"Decoding took longer than {options.Timeout}.");
                }

                if (next is not VideoFrameHash frame)
                {
                    yield break;
                }

                yield return frame;
            }
        }
    }

    /// <summary>Expected number of hashed frames (for progress display and list capacity); 0 when unknown.</summary>
    public static int EstimateHashedFrames(VideoStreamInfo stream, VideoHashOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= VideoHashOptions.Default;
        double frames = stream.FrameCount ?? (stream.Duration is double seconds ? seconds * stream.FrameRate : 0);
        if (!(frames > 0) || !double.IsFinite(frames))
        {
            return 0;
        }

        int modulus = VpdqSampling.FrameModulus(options.SecondsPerHash, stream.FrameRate);
        return (int)Math.Min(Math.Ceiling(frames / modulus), options.MaxFrames);
    }
}
