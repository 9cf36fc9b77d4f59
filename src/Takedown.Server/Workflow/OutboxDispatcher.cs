using System.Text.Json;
using Takedown.Core.Platform;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

/// <summary>
/// Carries out queued side effects: connector removals and restorations, and notifications. Failures are retried
/// with exponential backoff (5 s doubling, capped at 1 h); state lives in the outbox table, so a restart resumes.
/// </summary>
public sealed class OutboxDispatcher(ITakedownStore store, IPlatformConnector connector, INotifier notifier, TimeProvider time, ILogger<OutboxDispatcher> logger) : IDisposable
{
    private static readonly TimeSpan s_baseDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Delivers every due message once; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<OutboxMessage> due;
            await using (ITakedownSession read = await store.BeginAsync(write: false, cancellationToken))
            {
                due = await read.ListDueAsync(time.GetUtcNow(), 200, cancellationToken);
            }

            int delivered = 0;
            foreach (OutboxMessage message in due)
            {
                Exception? failure = null;
                try
                {
                    await DeliverAsync(message, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                }

                await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
                DateTimeOffset now = time.GetUtcNow();
                if (failure is null)
                {
                    await session.MarkDeliveredAsync(message.Id, now, cancellationToken);
                    Log.OutboxDelivered(logger, message.Id, message.Topic);
                    delivered++;
                }
                else
                {
                    int attempts = message.Attempts + 1;
                    TimeSpan delay = TimeSpan.FromTicks(Math.Min(s_maxDelay.Ticks, s_baseDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
                    await session.MarkFailedAsync(message.Id, attempts, now + delay, failure.GetType().Name + ": " + failure.Message, cancellationToken);
                    Log.OutboxFailed(logger, failure, message.Id, message.Topic, attempts, now + delay);
                }

                await session.CommitAsync(cancellationToken);
            }

            return delivered;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        switch (message.Topic)
        {
            case "connector.remove":
            case "connector.restore":
                string contentId = JsonDocument.Parse(message.Payload).RootElement.GetProperty("contentId").GetString()!;
                if (message.Topic == "connector.remove")
                {
                    await connector.RemoveAsync(contentId, cancellationToken);
                }
                else
                {
                    await connector.RestoreAsync(contentId, cancellationToken);
                }

                break;
            default:
                await notifier.NotifyAsync(message.Topic, message.Payload, message.IdempotencyKey, cancellationToken);
                break;
        }
    }
}
