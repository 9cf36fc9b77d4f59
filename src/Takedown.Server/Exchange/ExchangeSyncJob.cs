using Microsoft.Extensions.Options;
using Takedown.Server.Jobs;

namespace Takedown.Server.Exchange;

/// <summary>Syncs every enabled exchange each <see cref="ExchangeOptions.SyncPeriod"/>.</summary>
internal sealed class ExchangeSyncJob(ExchangeService exchanges, IOptions<ExchangeOptions> options, TimeProvider time, ILogger<ExchangeSyncJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Period => options.Value.SyncPeriod;

    protected override string Name => "exchange-sync";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunSync ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach ((string name, Core.Exchange.ExchangeSyncResult result) in await exchanges.SyncAllAsync(cancellationToken))
        {
            if (result.Failed)
            {
                ExchangeLog.SyncFailed(logger, name, result.Error!);
            }
            else if (result.Upserted + result.Deleted > 0)
            {
                ExchangeLog.Synced(logger, name, result.Upserted, result.Deleted);
            }
        }
    }
}

/// <summary>Log messages of the exchange jobs (hash counts only, never hashes or case data).</summary>
internal static partial class ExchangeLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Exchange {Exchange} synced: {Upserted} hashes added or changed, {Deleted} removed")]
    public static partial void Synced(ILogger logger, string exchange, int upserted, int deleted);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Exchange {Exchange} sync stopped: {Error}")]
    public static partial void SyncFailed(ILogger logger, string exchange, string error);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Match outcomes could not be recorded; they are recorded when the hashes match again")]
    public static partial void OutcomesNotRecorded(ILogger logger, Exception exception);
}
