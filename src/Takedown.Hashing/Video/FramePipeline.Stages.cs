using System.Globalization;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Video;

/// <summary>The reader and hashing stages of <see cref="FramePipeline"/>.</summary>
internal sealed partial class FramePipeline
{
    private void ReadFrames(CancellationToken cancellationToken)
    {
        byte[]? skipBuffer = null;
        try
        {
            Stream stdout = _ffmpeg.StandardOutput;
            int frameBytes = _plan.FrameBytes;
            double maxSeconds = _options.MaxDuration.TotalSeconds;
            long delivered = 0;
            while (true)
            {
                long frameNumber = _plan.FrameNumberOf(delivered);
                bool hashed = _plan.UseSelect || VpdqSampling.IsHashed((int)Math.Min(frameNumber, int.MaxValue), _plan.FrameModulus);
                byte[] buffer = hashed ? RentBuffer() : (skipBuffer ??= new byte[frameBytes]);
                cancellationToken.ThrowIfCancellationRequested();
                int read = stdout.ReadAtLeast(buffer.AsSpan(0, frameBytes), frameBytes, throwOnEndOfStream: false);
                if (read < frameBytes)
                {
                    if (hashed)
                    {
                        ReturnBuffer(buffer);
                    }

                    if (read > 0)
                    {
                        ThrowDecodeFailed("FFmpeg's output ended in the middle of a frame", cancellationToken);
                    }

                    break;
                }

                if (frameNumber >= _options.MaxFrames)
                {
                    throw new VideoDecodeException(
                        VideoDecodeError.TooManyFrames,
                        $"The video has more than {_options.MaxFrames.ToString(CultureInfo.InvariantCulture)} frames.");
                }

                if (frameNumber / _plan.Stream.FrameRate > maxSeconds)
                {
                    throw new VideoDecodeException(VideoDecodeError.TooLong, $"The video is longer than the limit of {_options.MaxDuration}.");
                }

                delivered++;
                if (hashed)
                {
                    var job = new FrameJob(buffer, (int)frameNumber);
                    if (!_ordered.Writer.TryWrite(job))
                    {
                        // The consumer is behind: block this thread until a slot frees (bounded frames in flight).
                        _ordered.Writer.WriteAsync(job, cancellationToken).AsTask().GetAwaiter().GetResult();
                    }

                    _work.Writer.TryWrite(job);
                }
            }

            int exitCode = _ffmpeg.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
            if (exitCode != 0)
            {
                throw new VideoDecodeException(
                    VideoDecodeError.DecodeFailed, $"FFmpeg failed: {VideoProbe.Reason(_ffmpeg.StandardErrorTail, exitCode)}");
            }

            if (delivered == 0)
            {
                ThrowDecodeFailed("FFmpeg decoded no frames", cancellationToken);
            }

            CheckComplete(delivered);

            _work.Writer.TryComplete();
            _ordered.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _work.Writer.TryComplete(ex);
            _ordered.Writer.TryComplete(ex);
        }
    }

    /// <summary>
    /// FFmpeg exits 0 on a cut-off file after logging errors ("partial file"); treat errors plus fewer frames than the
    /// container declares (at least one more sampled frame was due) as truncation rather than hash a fragment.
    /// </summary>
    private void CheckComplete(long delivered)
    {
        string stderr = _ffmpeg.StandardErrorTail;
        long lastFrame = _plan.FrameNumberOf(delivered - 1);
        if (stderr.Length > 0 && _plan.Stream.FrameCount is long declared && lastFrame + _plan.FrameModulus < declared)
        {
            throw new VideoDecodeException(
                VideoDecodeError.Truncated,
                $"The video is truncated: decoding stopped at frame {lastFrame.ToString(CultureInfo.InvariantCulture)} of " +
                $"{declared.ToString(CultureInfo.InvariantCulture)}: {stderr}");
        }
    }

    private void ThrowDecodeFailed(string what, CancellationToken cancellationToken)
    {
        int exitCode = _ffmpeg.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        string stderr = _ffmpeg.StandardErrorTail;
        throw new VideoDecodeException(
            VideoDecodeError.DecodeFailed,
            stderr.Length > 0 ? $"{what}: {stderr}" : $"{what} (exit code {exitCode.ToString(CultureInfo.InvariantCulture)}).");
    }

    private async Task HashFramesAsync(CancellationToken cancellationToken)
    {
        int width = _plan.Width;
        int height = _plan.Height;
        int frameBytes = _plan.FrameBytes;
        try
        {
            await foreach (FrameJob job in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    PdqResult result = FrameHashing.HashRgb24(job.Rgb.AsSpan(0, frameBytes), width, height);
                    float timestamp = VpdqSampling.Timestamp(job.FrameNumber, _plan.Stream.FrameRate);
                    job.Result.TrySetResult(new VideoFrameHash(job.FrameNumber, result.Quality, result.Hash, timestamp));
                }
                catch (Exception ex)
                {
                    job.Result.TrySetException(ex);
                }
                finally
                {
                    ReturnBuffer(job.Rgb);
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: pending frames are cancelled by DisposeAsync.
        }
        catch (Exception ex)
        {
            // The reader failed; the consumer sees that failure through the ordered channel. Cancel what is queued.
            while (_work.Reader.TryRead(out FrameJob? job))
            {
                job.Result.TrySetException(ex);
            }
        }
    }
}
