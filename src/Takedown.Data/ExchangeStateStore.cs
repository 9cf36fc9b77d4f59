using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Data.Records;

namespace Takedown.Data;

/// <summary>
/// <see cref="IExchangeStateStore"/> on an <see cref="ITakedownStore"/>: each page is applied with its checkpoint in
/// one write session, so a crash or a failed fetch never loses or duplicates anything.
/// </summary>
public sealed class ExchangeStateStore(ITakedownStore store) : IExchangeStateStore
{
    /// <inheritdoc/>
    public async Task<string?> GetCheckpointAsync(string exchange, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        return (await Require(session.Exchange(), exchange, cancellationToken)).Checkpoint;
    }

    /// <inheritdoc/>
    public async Task<(int Upserted, int Deleted)> ApplyPageAsync(string exchange, ExchangePage page, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IExchangeSession ex = session.Exchange();
        ExchangeConfigRecord config = await Require(ex, exchange, cancellationToken);
        HashBankRecord bank = await ex.GetBankAsync(config.Name, cancellationToken) ?? throw new NotFoundException($"The bank of exchange {exchange} is missing.");
        (int upserted, int deleted) = await ex.ApplyRecordsAsync(bank, page.Records, at, cancellationToken);
        await ex.SetCheckpointAsync(config.Id, page.Checkpoint, page.Records.Count, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return (upserted, deleted);
    }

    /// <inheritdoc/>
    public async Task RecordSyncAsync(string exchange, ExchangeSyncResult result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IExchangeSession ex = session.Exchange();
        ExchangeConfigRecord config = await Require(ex, exchange, cancellationToken);
        await ex.RecordSyncAsync(config.Id, result, at, cancellationToken);
        await session.AppendAuditAsync("system", result.Failed ? "exchange.sync_failed" : "exchange.synced", null,
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["exchange"] = exchange,
                ["pages"] = result.Pages,
                ["upserted"] = result.Upserted,
                ["deleted"] = result.Deleted,
                ["up_to_date"] = result.UpToDate,
                ["error"] = result.Error,
            }),
            at, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    private static async Task<ExchangeConfigRecord> Require(IExchangeSession session, string exchange, CancellationToken cancellationToken) =>
        await session.GetExchangeAsync(exchange, cancellationToken) ?? throw new NotFoundException($"No exchange named {exchange}.");
}
