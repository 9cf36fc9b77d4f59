using System.Threading.Channels;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Workflow;

/// <summary>
/// Records content the platform checked through <c>/check</c> (with its hashes) so later copy sweeps search it
/// without fetching it again. Writes are batched off the request path (a <c>/check</c> answer never waits for the
/// database): <see cref="Register"/> only queues, and <c>RegistrarJob</c> wakes as soon as anything is queued and
/// writes up to 5,000 registrations per transaction (<see cref="FlushAsync"/>), again and again until the queue is
/// empty, and once more at shutdown. The window in which an answered registration is not yet durable is therefore
/// one batch commit (milliseconds; longer only while the database stalls). Registrations still queued when the
/// process is killed are lost, and past 100,000 queued (a database stalled for a long time under full load) the
/// oldest are dropped; in both cases the next sweep falls back to the connector's listing, which hashes whatever it
/// does not know. Registrations are not victim requests or decisions, which are always durable before they are
/// acknowledged.
/// </summary>
public sealed class ContentRegistrar(ITakedownStore store) : IDisposable
{
    private readonly Channel<ContentRecord> _pending = Channel.CreateBounded<ContentRecord>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Queues a registration.</summary>
    public void Register(ContentRecord content) => _pending.Writer.TryWrite(content);

    /// <summary>Writes every queued registration; returns how many.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<ContentRecord>();
            while (batch.Count < 5_000 && _pending.Reader.TryRead(out ContentRecord? item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                return 0;
            }

            await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
            await session.UpsertContentAsync(batch, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return batch.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    /// <summary>Waits until something is queued.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _pending.Reader.WaitToReadAsync(cancellationToken);
}
