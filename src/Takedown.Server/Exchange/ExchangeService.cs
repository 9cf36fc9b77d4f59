using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Matching;

namespace Takedown.Server.Exchange;

/// <summary>
/// Exchanges (SHR-1): add, list, remove, sync with persisted checkpoints, and send outcomes back. After a sync the
/// node's index is brought up to date at once (other nodes follow the change sequence within their sync period).
/// Works with or without a running service (the CLI passes no index).
/// </summary>
public sealed partial class ExchangeService(ITakedownStore store, TimeProvider time, IOptions<ExchangeOptions> options, HttpClient http, BankIndex? index = null)
{
    /// <summary>Adds an exchange (and its bank of the same name); returns it.</summary>
    public async Task<ExchangeConfigRecord> AddAsync(string name, string type, string configJson, string actor, CancellationToken cancellationToken)
    {
        ValidateName(name);
        _ = ExchangeFactory.Create(type, configJson, http, time);
        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IExchangeSession ex = session.Exchange();
        if (await ex.GetBankAsync(name, cancellationToken) is not null)
        {
            throw new ConflictException($"A bank named {name} already exists.");
        }

        ExchangeConfigRecord record = await ex.InsertExchangeAsync(name, type, configJson, now, cancellationToken);
        await session.AppendAuditAsync(actor, "exchange.added", null, Json(new { exchange = name, type }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>All exchanges.</summary>
    public async Task<IReadOnlyList<ExchangeConfigRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        return await session.Exchange().ListExchangesAsync(cancellationToken);
    }

    /// <summary>One exchange, or null.</summary>
    public async Task<ExchangeConfigRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        return await session.Exchange().GetExchangeAsync(name, cancellationToken);
    }

    /// <summary>Removes an exchange and its bank: its hashes stop matching. Returns whether it existed.</summary>
    public async Task<bool> RemoveAsync(string name, string actor, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            if (!await session.Exchange().DeleteExchangeAsync(name, now, cancellationToken))
            {
                return false;
            }

            await session.AppendAuditAsync(actor, "exchange.removed", null, Json(new { exchange = name }), now, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        await SyncIndexAsync(cancellationToken);
        return true;
    }

    /// <summary>Syncs one exchange: fetches from its checkpoint, applies pages, updates the index, reports outcomes.</summary>
    public async Task<ExchangeSyncResult> SyncAsync(string name, CancellationToken cancellationToken)
    {
        ExchangeConfigRecord record = await GetAsync(name, cancellationToken) ?? throw new NotFoundException($"No exchange named {name}.");
        IHashExchange exchange = ExchangeFactory.Create(record.Type, record.Config, http, time);
        var limits = new ExchangeSyncLimits { MaxPages = options.Value.MaxPagesPerSync, TimeBudget = options.Value.SyncTimeBudget };
        ExchangeSyncResult result = await new ExchangeSynchronizer(time).SyncAsync(name, exchange, new ExchangeStateStore(store), limits, cancellationToken);
        await SyncIndexAsync(cancellationToken);
        if (exchange.SupportsFeedback)
        {
            await ReportOutcomesAsync(record, exchange, cancellationToken);
        }

        return result;
    }

    /// <summary>Syncs every enabled exchange; one failing exchange does not stop the others.</summary>
    public async Task<IReadOnlyDictionary<string, ExchangeSyncResult>> SyncAllAsync(CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, ExchangeSyncResult>(StringComparer.Ordinal);
        foreach (ExchangeConfigRecord record in await ListAsync(cancellationToken))
        {
            if (record.Enabled)
            {
                results[record.Name] = await SyncAsync(record.Name, cancellationToken);
            }
        }

        return results;
    }

    /// <summary>
    /// Records what happened to content that matched imported hashes (by index entry ids from a lookup or check);
    /// only hashes of exchange banks are recorded. Returns how many outcomes were new.
    /// </summary>
    public async Task<int> RecordOutcomesAsync(IReadOnlyCollection<long> signalIds, string contentRef, MatchOutcome outcome, string actor, CancellationToken cancellationToken)
    {
        if (signalIds.Count == 0)
        {
            return 0;
        }

        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IExchangeSession ex = session.Exchange();
        var exchangeBanks = (await ex.ListExchangesAsync(cancellationToken)).Select(e => e.BankId).ToHashSet();
        int added = 0;
        foreach (SignalHit hit in await ex.GetSignalsAsync(signalIds, cancellationToken))
        {
            if (exchangeBanks.Contains(hit.BankId) && await ex.InsertOutcomeAsync(hit, contentRef, outcome, now, cancellationToken))
            {
                added++;
                await session.AppendAuditAsync(actor, "exchange.outcome", null,
                    Json(new { bank = hit.BankName, bankContentId = hit.ContentId, contentRef, outcome = outcome.ToString() }), now, cancellationToken);
            }
        }

        await session.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Sends unreported outcomes of an exchange that supports feedback; returns how many were sent.</summary>
    public async Task<int> ReportOutcomesAsync(string name, CancellationToken cancellationToken)
    {
        ExchangeConfigRecord record = await GetAsync(name, cancellationToken) ?? throw new NotFoundException($"No exchange named {name}.");
        IHashExchange exchange = ExchangeFactory.Create(record.Type, record.Config, http, time);
        return exchange.SupportsFeedback ? await ReportOutcomesAsync(record, exchange, cancellationToken) : 0;
    }

    /// <summary>Recorded outcomes of an exchange.</summary>
    public async Task<IReadOnlyList<OutcomeRecord>> ListOutcomesAsync(string name, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        ExchangeConfigRecord record = await session.Exchange().GetExchangeAsync(name, cancellationToken) ?? throw new NotFoundException($"No exchange named {name}.");
        return await session.Exchange().ListOutcomesAsync(record.BankId, cancellationToken);
    }

    private async Task<int> ReportOutcomesAsync(ExchangeConfigRecord record, IHashExchange exchange, CancellationToken cancellationToken)
    {
        int sent = 0;
        while (true)
        {
            IReadOnlyList<OutcomeRecord> pending;
            await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
            {
                pending = await session.Exchange().ListUnreportedOutcomesAsync(record.BankId, 500, cancellationToken);
            }

            if (pending.Count == 0)
            {
                return sent;
            }

            // One feedback per hash and outcome: the same hash matching several uploads (or recorded automatically
            // and by a reviewer) tells the partner the same thing once.
            await exchange.SubmitFeedbackAsync(
                pending.DistinctBy(o => (o.Kind, o.Value, o.Outcome)).Select(o => new ExchangeFeedback(o.Value, o.Kind, o.Value, ParseOutcome(o.Outcome))).ToList(),
                cancellationToken);
            await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
            {
                await session.Exchange().MarkOutcomesReportedAsync(pending.Select(o => o.Id).ToList(), time.GetUtcNow(), cancellationToken);
                await session.CommitAsync(cancellationToken);
            }

            sent += pending.Count;
        }
    }

    private async Task SyncIndexAsync(CancellationToken cancellationToken)
    {
        if (index is not null)
        {
            await index.SyncAsync(store, cancellationToken);
        }
    }

    internal static MatchOutcome ParseOutcome(string value) => value switch
    {
        "pending_review" => MatchOutcome.PendingReview,
        "blocked" => MatchOutcome.Blocked,
        "not_blocked" => MatchOutcome.NotBlocked,
        _ => throw new DomainValidationException($"Unknown outcome '{value}'; use pending_review, blocked or not_blocked."),
    };

    internal static void ValidateName(string name)
    {
        if (!BankName().IsMatch(name))
        {
            throw new DomainValidationException("Bank and exchange names are 1..100 characters of A-Z, 0-9 and _ (HMA's rule).");
        }
    }

    internal static string Json(object value) => JsonSerializer.Serialize(value, s_json);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex("^[A-Z0-9_]{1,100}$")]
    private static partial Regex BankName();
}
