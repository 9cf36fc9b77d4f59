namespace Takedown.Core.Exchange;

/// <summary>Where an exchange's imported hashes and checkpoint live (implemented by the storage layer).</summary>
public interface IExchangeStateStore
{
    /// <summary>The stored checkpoint of exchange <paramref name="exchange"/> (null: never synced).</summary>
    public Task<string?> GetCheckpointAsync(string exchange, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a page atomically: upserts and deletes its records in the exchange's bank and stores its checkpoint,
    /// all in one transaction. Returns the number of hashes added or changed and removed.
    /// </summary>
    public Task<(int Upserted, int Deleted)> ApplyPageAsync(string exchange, ExchangePage page, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a sync run (for status pages); never touches imported hashes.</summary>
    public Task RecordSyncAsync(string exchange, ExchangeSyncResult result, DateTimeOffset at, CancellationToken cancellationToken);
}
