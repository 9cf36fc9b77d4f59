using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Takedown.Hashing.Video;

/// <summary>
/// Streams one video through FFmpeg into PDQ: a reader thread pulls raw RGB frames off FFmpeg's stdout into pooled
/// buffers with blocking reads (a pipe enlarged to about one frame, see <see cref="PipeBuffer"/>), worker tasks (one
/// per core by default) hash them while FFmpeg decodes the next ones, and the consumer receives the results in frame
/// order. At most a few frames are in flight; nothing touches the disk.
/// </summary>
internal sealed partial class FramePipeline : IAsyncDisposable
{
    private readonly FramePlan _plan;
    private readonly VideoHashOptions _options;
    private readonly FfmpegProcess _ffmpeg;
    private readonly CancellationTokenSource _stop;
    private readonly Channel<FrameJob> _ordered;
    private readonly Channel<FrameJob> _work;
    private readonly ConcurrentBag<byte[]> _buffers = [];
    private readonly Task _reader;
    private readonly Task[] _workers;

    private FramePipeline(FramePlan plan, VideoHashOptions options, FfmpegProcess ffmpeg, CancellationToken cancellationToken)
    {
        _plan = plan;
        _options = options;
        _ffmpeg = ffmpeg;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int workers = options.EffectiveParallelism;

        // The ordered channel bounds the frames in flight (read, queued or being hashed).
        _ordered = Channel.CreateBounded<FrameJob>(new BoundedChannelOptions((2 * workers) + 2)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _work = Channel.CreateUnbounded<FrameJob>(new UnboundedChannelOptions { SingleWriter = true });
        CancellationToken stop = _stop.Token;
        PipeBuffer.TryEnlarge(ffmpeg.StandardOutput, plan.FrameBytes);

        // A dedicated thread blocked in read(2): asynchronous pipe reads would go through the socket engine's epoll
        // thread and a thread-pool hop per 64 KB. Disposing kills FFmpeg, which ends a blocked read with end of file.
        _reader = Task.Factory.StartNew(
            () => ReadFrames(stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _workers = new Task[workers];
        for (int i = 0; i < workers; i++)
        {
            _workers[i] = Task.Run(() => HashFramesAsync(stop), CancellationToken.None);
        }
    }

    /// <summary>Starts FFmpeg for <paramref name="fullPath"/> and the reader and hashing tasks.</summary>
    public static FramePipeline Start(string fullPath, FramePlan plan, VideoHashOptions options, CancellationToken cancellationToken)
    {
        FfmpegProcess ffmpeg = FfmpegProcess.Start(options.FfmpegPath, plan.FfmpegArguments(fullPath), options.ProcessStarted);
        try
        {
            return new FramePipeline(plan, options, ffmpeg, cancellationToken);
        }
        catch
        {
            ffmpeg.Dispose();
            throw;
        }
    }

    /// <summary>The next frame hash in frame order, or <see langword="null"/> after the last one.</summary>
    public async ValueTask<VideoFrameHash?> NextAsync(CancellationToken cancellationToken)
    {
        // WaitToReadAsync rethrows the reader's failure once the frames queued before it are consumed.
        if (!await _ordered.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) ||
            !_ordered.Reader.TryRead(out FrameJob? job))
        {
            return null;
        }

        return await job.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the tasks, kills FFmpeg if it still runs, and waits for all of it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _ffmpeg.Dispose();
        try
        {
            await Task.WhenAll([_reader, .. _workers]).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Failures were already delivered through the ordered channel or the frame results; shutting down
            // (cancellation, a broken pipe) is expected here.
        }

        while (_ordered.Reader.TryRead(out FrameJob? job))
        {
            job.Result.TrySetCanceled(CancellationToken.None);
        }

        _stop.Dispose();
    }

    private byte[] RentBuffer() => _buffers.TryTake(out byte[]? buffer) ? buffer : new byte[_plan.FrameBytes];

    private void ReturnBuffer(byte[] buffer) => _buffers.Add(buffer);

    /// <summary>One frame on its way through the pipeline.</summary>
    private sealed class FrameJob(byte[] rgb, int frameNumber)
    {
        public byte[] Rgb { get; } = rgb;

        public int FrameNumber { get; } = frameNumber;

        public TaskCompletionSource<VideoFrameHash> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
