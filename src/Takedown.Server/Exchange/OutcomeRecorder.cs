using System.Collections.Concurrent;
using System.Threading.Channels;
using Takedown.Core.Exchange;
using Takedown.Server.Matching;

namespace Takedown.Server.Exchange;

/// <summary>
/// Records outcomes automatically when a hash imported from an exchange matches content: <c>/check</c> answers
/// (<c>block</c> becomes <see cref="MatchOutcome.Blocked"/>, <c>review</c> <see cref="MatchOutcome.PendingReview"/>) and
/// HMA lookups (<see cref="MatchOutcome.PendingReview"/>: the platform reviews what it looked up). The request path
/// only writes to a bounded channel (dropping when full, never waiting); <see cref="OutcomeRecorderJob"/> drains it
/// into the database in batches, and the next sync of an exchange that takes feedback sends them.
/// </summary>
public sealed class OutcomeRecorder : IMatchObserver
{
    /// <summary>Content reference of outcomes recorded from <c>/api/v1/check</c>.</summary>
    public const string CheckSource = "auto:api/v1/check";

    /// <summary>Content reference of outcomes recorded from HMA's <c>/m/lookup</c>.</summary>
    public const string LookupSource = "auto:hma/m/lookup";

    /// <summary>Queued outcomes at most; beyond that new ones are dropped (the hot path never waits).</summary>
    public const int Capacity = 10_000;

    /// <summary>Distinct outcomes remembered as already queued; the memory is cleared when it grows past this.</summary>
    private const int SeenLimit = 100_000;

    private readonly Channel<PendingOutcome> _pending = Channel.CreateBounded<PendingOutcome>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    // A popular imported hash may match thousands of uploads a second: each (signal, outcome, source) is queued once.
    private readonly ConcurrentDictionary<PendingOutcome, byte> _seen = new();

    /// <inheritdoc/>
    public void Observe(IReadOnlyList<BankMatch> matches, bool blocked)
    {
        ArgumentNullException.ThrowIfNull(matches);
        MatchOutcome outcome = blocked ? MatchOutcome.Blocked : MatchOutcome.PendingReview;
        for (int i = 0; i < matches.Count; i++)
        {
            // Named-bank signals carry negative index entry ids; the case-linked NCII bank is never an exchange's.
            long entryId = matches[i].EntryId;
            if (entryId < 0)
            {
                Queue(new PendingOutcome(-entryId, outcome, CheckSource));
            }
        }
    }

    /// <summary>Queues a PendingReview outcome for signals an HMA lookup matched.</summary>
    public void ObserveLookup(IEnumerable<long> signalIds)
    {
        ArgumentNullException.ThrowIfNull(signalIds);
        foreach (long signalId in signalIds)
        {
            Queue(new PendingOutcome(signalId, MatchOutcome.PendingReview, LookupSource));
        }
    }

    /// <summary>Waits until outcomes are queued; false when the recorder is completed.</summary>
    internal ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _pending.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Records up to <paramref name="max"/> queued outcomes; returns how many were taken off the queue.</summary>
    internal async Task<int> FlushAsync(ExchangeService exchanges, int max, CancellationToken cancellationToken)
    {
        var batch = new List<PendingOutcome>();
        while (batch.Count < max && _pending.Reader.TryRead(out PendingOutcome item))
        {
            batch.Add(item);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            foreach (IGrouping<(MatchOutcome Outcome, string Source), PendingOutcome> group in batch.GroupBy(p => (p.Outcome, p.Source)))
            {
                await exchanges.RecordOutcomesAsync(group.Select(p => p.SignalId).ToList(), group.Key.Source, group.Key.Outcome, "system", cancellationToken);
            }
        }
        catch
        {
            // Not recorded: let a later match queue them again.
            foreach (PendingOutcome item in batch)
            {
                _seen.TryRemove(item, out _);
            }

            throw;
        }

        return batch.Count;
    }

    private void Queue(PendingOutcome outcome)
    {
        if (_seen.Count >= SeenLimit)
        {
            _seen.Clear();
        }

        if (_seen.TryAdd(outcome, 0) && !_pending.Writer.TryWrite(outcome))
        {
            _seen.TryRemove(outcome, out _);
        }
    }

    private readonly record struct PendingOutcome(long SignalId, MatchOutcome Outcome, string Source);
}

/// <summary>Drains <see cref="OutcomeRecorder"/> into the database, off the request path.</summary>
internal sealed class OutcomeRecorderJob(OutcomeRecorder recorder, ExchangeService exchanges, ILogger<OutcomeRecorderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await recorder.WaitAsync(stoppingToken))
            {
                try
                {
                    while (await recorder.FlushAsync(exchanges, 500, stoppingToken) > 0)
                    {
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    ExchangeLog.OutcomesNotRecorded(logger, e);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
