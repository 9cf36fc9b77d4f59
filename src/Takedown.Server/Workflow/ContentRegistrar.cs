using System.Threading.Channels;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Workflow;

/// <summary>
/// Records content the platform checked through <c>/check</c> (with its hashes) so later copy sweeps search it
/// without fetching it again. Writes are batched off the request path; <see cref="FlushAsync"/> writes what is
/// pending. Registrations still queued when the process dies are lost; the next sweep falls back to the
/// connector's listing for them.
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
