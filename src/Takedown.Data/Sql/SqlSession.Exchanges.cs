using System.Data.Common;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>Exchanges, checkpoints, outcomes, share consents and the published feed; see <see cref="IExchangeSession"/>.</summary>
internal sealed partial class SqlSession
{
    private const string ExchangeColumns =
        "id, name, type, config, bank_id, enabled, checkpoint, last_sync_at, last_success_at, last_error, up_to_date, fetched_items";

    private const string OutcomeColumns = "id, signal_id, bank_id, kind, value, content_ref, outcome, recorded_at, reported_at";

    public async Task<ExchangeConfigRecord> InsertExchangeAsync(string name, string type, string config, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        if (await GetExchangeAsync(name, cancellationToken) is not null)
        {
            throw new ConflictException($"Exchange {name} already exists.");
        }

        HashBankRecord bank = await CreateBankAsync(name, 1.0, at, cancellationToken);
        await ExecuteAsync("INSERT INTO exchanges (name, type, config, bank_id, enabled, created_at) VALUES (@name, @type, @config, @bank, 1, @at)",
            cancellationToken, Arg.Of("name", name), Arg.Of("type", type), Arg.Of("config", config), Arg.Of("bank", bank.Id), Arg.Of("at", at));
        return (await GetExchangeAsync(name, cancellationToken))!;
    }

    public async Task<ExchangeConfigRecord?> GetExchangeAsync(string name, CancellationToken cancellationToken) =>
        await QuerySingleAsync($"SELECT {ExchangeColumns} FROM exchanges WHERE name = @name", MapExchange, cancellationToken, Arg.Of("name", name));

    public async Task<IReadOnlyList<ExchangeConfigRecord>> ListExchangesAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {ExchangeColumns} FROM exchanges ORDER BY name", MapExchange, cancellationToken);

    public async Task<bool> DeleteExchangeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        ExchangeConfigRecord? exchange = await GetExchangeAsync(name, cancellationToken);
        if (exchange is null)
        {
            return false;
        }

        await ExecuteAsync("DELETE FROM exchange_outcomes WHERE bank_id = @bank", cancellationToken, Arg.Of("bank", exchange.BankId));
        await ExecuteAsync("DELETE FROM exchanges WHERE id = @id", cancellationToken, Arg.Of("id", exchange.Id));
        HashBankRecord? bank = (await QueryAsync("SELECT id, name, enabled_ratio, created_at FROM hash_banks WHERE id = @id", MapBank, cancellationToken, Arg.Of("id", exchange.BankId))).FirstOrDefault();
        if (bank is not null)
        {
            await DeleteBankAsync(bank.Name, at, cancellationToken);
        }

        return true;
    }

    public async Task SetCheckpointAsync(long exchangeId, string checkpoint, int applied, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE exchanges SET checkpoint = @checkpoint, fetched_items = fetched_items + @applied WHERE id = @id", cancellationToken,
            Arg.Of("id", exchangeId), Arg.Of("checkpoint", checkpoint), Arg.Of("applied", (long)applied));
    }

    public async Task RecordSyncAsync(long exchangeId, ExchangeSyncResult result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync(
            "UPDATE exchanges SET last_sync_at = @at, last_error = @error, up_to_date = @uptodate, last_success_at = CASE WHEN @ok = 1 THEN @at ELSE last_success_at END WHERE id = @id",
            cancellationToken, Arg.Of("id", exchangeId), Arg.Of("at", at), Arg.Of("error", result.Error), Arg.Of("uptodate", result.UpToDate), Arg.Of("ok", !result.Failed));
    }

    public async Task<bool> InsertOutcomeAsync(SignalHit signal, string contentRef, MatchOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        int rows = await ExecuteAsync(
            """
            INSERT INTO exchange_outcomes (signal_id, bank_id, kind, value, content_ref, outcome, recorded_at) VALUES (@signal, @bank, @kind, @value, @ref, @outcome, @at)
            ON CONFLICT (signal_id, content_ref, outcome) DO NOTHING
            """,
            cancellationToken, Arg.Of("signal", signal.SignalId), Arg.Of("bank", signal.BankId), Arg.Of("kind", KindName(signal.Kind)), Arg.Of("value", signal.Value),
            Arg.Of("ref", contentRef), Arg.Of("outcome", OutcomeName(outcome)), Arg.Of("at", at));
        return rows > 0;
    }

    public async Task<IReadOnlyList<OutcomeRecord>> ListUnreportedOutcomesAsync(long bankId, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {OutcomeColumns} FROM exchange_outcomes WHERE bank_id = @bank AND reported_at IS NULL ORDER BY id LIMIT @limit",
            MapOutcome, cancellationToken, Arg.Of("bank", bankId), Arg.Of("limit", (long)limit));

    public async Task<IReadOnlyList<OutcomeRecord>> ListOutcomesAsync(long bankId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {OutcomeColumns} FROM exchange_outcomes WHERE bank_id = @bank ORDER BY id", MapOutcome, cancellationToken, Arg.Of("bank", bankId));

    public async Task MarkOutcomesReportedAsync(IReadOnlyList<long> outcomeIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        foreach (long id in outcomeIds)
        {
            await ExecuteAsync("UPDATE exchange_outcomes SET reported_at = @at WHERE id = @id", cancellationToken, Arg.Of("id", id), Arg.Of("at", at));
        }
    }

    public async Task<bool> SetShareConsentAsync(string caseNumber, bool consent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        bool had = await HasShareConsentAsync(caseNumber, cancellationToken);

        // MIN-1: a case flagged as involving a minor is never shared.
        bool minor = await ScalarAsync("SELECT COUNT(*) FROM cases WHERE case_number = @case AND minor = 1", cancellationToken, Arg.Of("case", caseNumber)) > 0;
        if (had == consent || (consent && minor))
        {
            return false;
        }

        // Publish what is already banked (or withdraw it) in the same unit of work, so the feed never lags consent.
        await RefreshFeedAsync(at, cancellationToken);
        if (consent)
        {
            await ExecuteAsync(
                """
                INSERT INTO share_consents (case_number, consented_at, withdrawn_at) VALUES (@case, @at, NULL)
                ON CONFLICT (case_number) DO UPDATE SET consented_at = excluded.consented_at, withdrawn_at = NULL
                """,
                cancellationToken, Arg.Of("case", caseNumber), Arg.Of("at", at));
        }
        else
        {
            await ExecuteAsync("UPDATE share_consents SET withdrawn_at = @at WHERE case_number = @case", cancellationToken, Arg.Of("case", caseNumber), Arg.Of("at", at));
        }

        List<(long Id, string Kind, string Value)> active = await QueryAsync(
            "SELECT e.id, e.kind, e.value FROM bank_entries e JOIN cases c ON c.id = e.case_id WHERE c.case_number = @case AND e.active = 1 ORDER BY e.id",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2)), cancellationToken, Arg.Of("case", caseNumber));
        foreach ((long id, string kind, string value) in active)
        {
            await AppendFeedEventAsync(id, kind, value, deleted: !consent, at, cancellationToken);
        }

        return true;
    }

    public async Task<bool> HasShareConsentAsync(string caseNumber, CancellationToken cancellationToken) =>
        await ScalarAsync(
            "SELECT COUNT(*) FROM share_consents s JOIN cases c ON c.case_number = s.case_number WHERE s.case_number = @case AND s.withdrawn_at IS NULL AND c.minor = 0",
            cancellationToken, Arg.Of("case", caseNumber)) > 0;

    public async Task<int> RefreshFeedAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        const int Batch = 5_000;
        int appended = 0;
        var consent = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (true)
        {
            long cursor = await ScalarAsync("SELECT bank_cursor FROM feed_state WHERE id = 1", cancellationToken);
            IReadOnlyList<BankChange> changes = await ReadBankChangesAsync(cursor, Batch, cancellationToken);
            if (changes.Count == 0)
            {
                return appended;
            }

            foreach (BankChange change in changes)
            {
                // Only the NCII bank (positive entry ids) is published; imported hashes are never re-shared.
                if (change.EntryId <= 0)
                {
                    continue;
                }

                if (!consent.TryGetValue(change.CaseNumber, out bool shared))
                {
                    consent[change.CaseNumber] = shared = await HasShareConsentAsync(change.CaseNumber, cancellationToken);
                }

                if (shared)
                {
                    await AppendFeedEventAsync(change.EntryId, KindName(change.Kind), change.Value, deleted: !change.Added, at, cancellationToken);
                    appended++;
                }
            }

            await ExecuteAsync("UPDATE feed_state SET bank_cursor = @seq WHERE id = 1", cancellationToken, Arg.Of("seq", changes[^1].Sequence));
            if (changes.Count < Batch)
            {
                return appended;
            }
        }
    }

    public async Task<IReadOnlyList<FeedEventRecord>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT seq, entry_key, kind, value, deleted FROM feed_events WHERE seq > @after ORDER BY seq LIMIT @limit",
            r => new FeedEventRecord(r.GetInt64(0), r.GetString(1), ParseKind(r.GetString(2)), r.GetString(3), r.GetInt64(4) != 0),
            cancellationToken, Arg.Of("after", afterSequence), Arg.Of("limit", (long)limit));

    private Task<int> AppendFeedEventAsync(long entryId, string kind, string value, bool deleted, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO feed_events (entry_key, kind, value, deleted, at) VALUES (@key, @kind, @value, @deleted, @at)", cancellationToken,
            Arg.Of("key", "e" + entryId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Arg.Of("kind", kind), Arg.Of("value", value),
            Arg.Of("deleted", deleted), Arg.Of("at", at));

    private static string OutcomeName(MatchOutcome outcome) => outcome switch
    {
        MatchOutcome.PendingReview => "pending_review",
        MatchOutcome.Blocked => "blocked",
        MatchOutcome.NotBlocked => "not_blocked",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private static ExchangeConfigRecord MapExchange(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5) != 0, StringOrNull(r, 6),
        TimeOrNull(r, 7), TimeOrNull(r, 8), StringOrNull(r, 9), r.GetInt64(10) != 0, r.GetInt64(11));

    private static OutcomeRecord MapOutcome(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), ParseKind(r.GetString(3)), r.GetString(4), r.GetString(5), r.GetString(6), Time(r, 7), TimeOrNull(r, 8));
}
