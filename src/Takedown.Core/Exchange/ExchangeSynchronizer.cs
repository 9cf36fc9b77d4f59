using System.Net;

namespace Takedown.Core.Exchange;

/// <summary>
/// Runs one incremental sync of an exchange: fetch a page from the stored checkpoint, validate it, apply it and its
/// checkpoint atomically, repeat until the source has nothing more or a limit is reached. A failure stops the run
/// with everything applied so far kept and the checkpoint at the last applied page, so the next run resumes there.
/// </summary>
public sealed class ExchangeSynchronizer(TimeProvider time)
{
    /// <summary>Syncs <paramref name="exchange"/> (stored as <paramref name="name"/>) into <paramref name="store"/>.</summary>
    public async Task<ExchangeSyncResult> SyncAsync(string name, IHashExchange exchange, IExchangeStateStore store, ExchangeSyncLimits limits, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        string? checkpoint = await store.GetCheckpointAsync(name, cancellationToken);
        int pages = 0, upserted = 0, deleted = 0;
        ExchangeSyncResult result;
        while (true)
        {
            if (pages >= limits.MaxPages)
            {
                result = new(pages, upserted, deleted, false, $"stopped after the page cap of {limits.MaxPages} pages; the next sync continues from the checkpoint");
                break;
            }

            if (pages > 0 && time.GetElapsedTime(started) >= limits.TimeBudget)
            {
                result = new(pages, upserted, deleted, false, $"stopped after the time budget of {limits.TimeBudget}; the next sync continues from the checkpoint");
                break;
            }

            ExchangePage page;
            try
            {
                page = await exchange.FetchPageAsync(checkpoint, cancellationToken);
                Validate(page, checkpoint, limits);
            }
            catch (ExchangeFormatException e)
            {
                result = new(pages, upserted, deleted, false, $"rejected page {pages + 1}: {e.Message}");
                break;
            }
            catch (HttpRequestException e)
            {
                string status = e.StatusCode is HttpStatusCode code ? $"HTTP {(int)code}" : "transport error";
                result = new(pages, upserted, deleted, false, $"fetch of page {pages + 1} failed ({status}): {e.Message}");
                break;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                result = new(pages, upserted, deleted, false, $"fetch of page {pages + 1} timed out: {e.Message}");
                break;
            }

            (int u, int d) = await store.ApplyPageAsync(name, page, time.GetUtcNow(), cancellationToken);
            pages++;
            upserted += u;
            deleted += d;
            checkpoint = page.Checkpoint;
            if (!page.HasMore)
            {
                result = new(pages, upserted, deleted, true, null);
                break;
            }
        }

        await store.RecordSyncAsync(name, result, time.GetUtcNow(), cancellationToken);
        return result;
    }

    private static void Validate(ExchangePage page, string? checkpoint, ExchangeSyncLimits limits)
    {
        if (string.IsNullOrEmpty(page.Checkpoint))
        {
            throw new ExchangeFormatException("the page has no checkpoint");
        }

        if (page.Records.Count > limits.MaxRecordsPerPage)
        {
            throw new ExchangeFormatException($"the page has {page.Records.Count} records, more than the limit of {limits.MaxRecordsPerPage}");
        }

        if (page.HasMore && string.Equals(page.Checkpoint, checkpoint, StringComparison.Ordinal))
        {
            throw new ExchangeFormatException("the page says there is more but does not advance the checkpoint (a replayed or stuck page)");
        }

        foreach (ExchangeRecord record in page.Records)
        {
            if (string.IsNullOrEmpty(record.Key))
            {
                throw new ExchangeFormatException("a record has no key");
            }

            if (!record.Deleted)
            {
                SignalTypes.Normalize(record.Kind, record.Value);
            }
        }
    }
}
