using Microsoft.Extensions.Options;
using Takedown.Data;
using Takedown.Server.Hosting;
using Takedown.Server.Matching;
using Takedown.Server.Workflow;

namespace Takedown.Server.Jobs;

/// <summary>Pulls bank changes into this node's index.</summary>
internal sealed class IndexSyncJob(BankIndex index, ITakedownStore store, IOptions<TakedownOptions> options, TimeProvider time, ILogger<IndexSyncJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Period => options.Value.IndexSyncPeriod;

    protected override string Name => "index-sync";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        int applied = await index.SyncAsync(store, cancellationToken);
        if (applied > 0)
        {
            Log.IndexSynced(logger, applied, index.LastSequence);
        }
    }
}

/// <summary>Delivers due outbox messages (connector actions, notifications) with retries.</summary>
internal sealed class OutboxJob(OutboxDispatcher dispatcher, IOptions<TakedownOptions> options, TimeProvider time, ILogger<OutboxJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Period => options.Value.JobPeriod;

    protected override string Name => "outbox";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => dispatcher.DispatchDueAsync(cancellationToken);
}

/// <summary>Escalates deadlines.</summary>
internal sealed class DeadlineJob(DeadlineMonitor monitor, OutboxDispatcher dispatcher, IOptions<TakedownOptions> options, TimeProvider time, ILogger<DeadlineJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Period => options.Value.JobPeriod;

    protected override string Name => "deadlines";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await monitor.RunOnceAsync(cancellationToken) > 0)
        {
            await dispatcher.DispatchDueAsync(cancellationToken);
        }
    }
}

/// <summary>Runs copy sweeps when signalled after a removal, and every period for anything left over.</summary>
internal sealed class SweepJob(CopySweeper sweeper, OutboxDispatcher dispatcher, IOptions<TakedownOptions> options, TimeProvider time, ILogger<SweepJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Period => options.Value.JobPeriod;

    protected override string Name => "copy-sweep";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await sweeper.RunPendingAsync(cancellationToken) > 0)
        {
            await dispatcher.DispatchDueAsync(cancellationToken);
        }
    }

    protected override async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            await sweeper.WaitForSignalAsync(Period, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>Writes content registrations from <c>/check</c> in batches.</summary>
internal sealed class RegistrarJob(ContentRegistrar registrar, ILogger<RegistrarJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await registrar.WaitAsync(stoppingToken))
            {
                try
                {
                    while (await registrar.FlushAsync(stoppingToken) > 0)
                    {
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.JobFailed(logger, e, "content-registrar");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await registrar.FlushAsync(CancellationToken.None);
        }
    }
}
