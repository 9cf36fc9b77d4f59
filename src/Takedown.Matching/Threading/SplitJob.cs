using System.Runtime.ExceptionServices;

namespace Takedown.Matching.Threading;

/// <summary>
/// A search split into blocks that the calling thread and at most one thread-pool helper claim one at a time.
/// The helper only helps if a pool thread picks it up while blocks are left: on a busy machine (or one core)
/// the caller simply does all the work, so a search never waits on the pool to start, and concurrent searches
/// do not queue behind each other. Replaces a <see cref="Parallel.For(int, int, Action{int})"/> per query, whose
/// set-up and hand-off cost more than a 1 MB chunk's scan.
/// </summary>
/// <remarks>One instance runs once: a stale pool item can still arrive after <see cref="Run"/> returned and must
/// find the job finished, so instances are never reused.</remarks>
internal abstract class SplitJob : IThreadPoolWorkItem
{
    /// <summary>Workers per job: the calling thread is worker 0, the helper worker 1 (index per-worker state with it).</summary>
    public const int Workers = 2;

    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Finished = 2;
    private const int Skipped = 3;

    /// <summary>How long the caller spins for a running helper before it blocks.</summary>
    private const int SpinIterations = 2_000;

    private readonly int _blockCount;
    private readonly object _gate = new();
    private int _nextBlock = -1;
    private int _helper = NotStarted;
    private ExceptionDispatchInfo? _helperError;

    /// <summary>Creates a job of <paramref name="blockCount"/> blocks.</summary>
    protected SplitJob(int blockCount)
    {
        _blockCount = blockCount;
    }

    /// <summary>Runs every block, on the calling thread and, if one is free in time, a pool thread; returns when all are done.</summary>
    /// <param name="useHelper">Whether to offer work to a pool thread at all.</param>
    public void Run(bool useHelper = true)
    {
        if (useHelper && _blockCount > 1 && Environment.ProcessorCount > 1)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else
        {
            _helper = Skipped;
        }

        try
        {
            Work(0);
        }
        finally
        {
            // Even when a block threw here: the helper may still be writing to per-worker state.
            if (Interlocked.CompareExchange(ref _helper, Skipped, NotStarted) is Running or Finished)
            {
                WaitForHelper();
            }
        }

        _helperError?.Throw();
    }

    /// <inheritdoc/>
    void IThreadPoolWorkItem.Execute()
    {
        if (Interlocked.CompareExchange(ref _helper, Running, NotStarted) != NotStarted)
        {
            return;
        }

        try
        {
            Work(1);
        }
#pragma warning disable CA1031 // The helper's failure is rethrown on the calling thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _helperError = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            lock (_gate)
            {
                Volatile.Write(ref _helper, Finished);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Does block <paramref name="block"/> on worker <paramref name="worker"/> (0 or 1).</summary>
    protected abstract void RunBlock(int block, int worker);

    private void Work(int worker)
    {
        int block;
        while ((block = Interlocked.Increment(ref _nextBlock)) < _blockCount)
        {
            RunBlock(block, worker);
        }
    }

    private void WaitForHelper()
    {
        // The helper holds at most one block; spin briefly for it, then sleep until it signals.
        for (int i = 0; i < SpinIterations && Volatile.Read(ref _helper) != Finished; i++)
        {
            Thread.SpinWait(20);
        }

        lock (_gate)
        {
            while (Volatile.Read(ref _helper) != Finished)
            {
                Monitor.Wait(_gate);
            }
        }
    }
}
