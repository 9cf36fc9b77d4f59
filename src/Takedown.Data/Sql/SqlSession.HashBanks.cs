using System.Data;
using System.Data.Common;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>Named hash banks and their content (HMA banks, exchange banks); see <see cref="IExchangeSession"/>.</summary>
internal sealed partial class SqlSession : IExchangeSession
{
    private const string ContentColumns = "c.id, c.bank_id, b.name, c.key_bytes, c.label, c.note, c.metadata, c.disable_until, c.created_at";

    private const string HitColumns = "s.id, s.content_id, s.bank_id, b.name, b.enabled_ratio, c.disable_until, s.kind, s.value, s.hash, c.label";

    private const string HitJoin = "FROM bank_signals s JOIN bank_content c ON c.id = s.content_id JOIN hash_banks b ON b.id = s.bank_id";

    /// <summary>
    /// A key signal (migration 0011: a content row whose key is also its one signal; no <c>bank_signals</c> row) as the
    /// signal columns id, kind, value, hash of <c>bank_content c</c>: the content id, <c>key_kind</c>, no text, and the
    /// key's raw hash after its tag byte.
    /// </summary>
    private const string KeySignalColumns = "c.id, c.key_kind, NULL, substr(c.key_bytes, 2)";

    /// <summary>
    /// Signal columns id, kind, value, hash of the signal rows matching <paramref name="signalRows"/> (over
    /// <c>bank_signals</c>) and of the key signals matching <paramref name="keySignals"/> (over <c>bank_content c</c>): every
    /// reader of "the signals where ..." since migration 0011.
    /// </summary>
    private static string AllSignalsWhere(string signalRows, string keySignals) =>
        $"SELECT id, kind, value, hash FROM bank_signals WHERE {signalRows} UNION ALL SELECT {KeySignalColumns} FROM bank_content c WHERE {keySignals} AND c.key_kind IS NOT NULL";

    /// <summary>The columns of <see cref="HitColumns"/> for a key signal of <c>bank_content c</c> joined to <c>hash_banks b</c>.</summary>
    private const string KeyHitColumns = "c.id, c.id, c.bank_id, b.name, b.enabled_ratio, c.disable_until, c.key_kind, NULL, substr(c.key_bytes, 2), c.label";

    public async Task<HashBankRecord> CreateBankAsync(string name, double enabledRatio, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        if (await GetBankAsync(name, cancellationToken) is not null)
        {
            throw new ConflictException($"Bank {name} already exists.");
        }

        long id = await ScalarAsync("INSERT INTO hash_banks (name, enabled_ratio, created_at) VALUES (@name, @ratio, @at) RETURNING id",
            cancellationToken, Arg.Of("name", name), new Arg("ratio", enabledRatio, DbType.Double), Arg.Of("at", at));
        return new HashBankRecord(id, name, enabledRatio, at);
    }

    public async Task<HashBankRecord?> GetBankAsync(string name, CancellationToken cancellationToken) =>
        await QuerySingleAsync("SELECT id, name, enabled_ratio, created_at FROM hash_banks WHERE name = @name", MapBank, cancellationToken, Arg.Of("name", name));

    public async Task<IReadOnlyList<HashBankRecord>> ListBanksAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, name, enabled_ratio, created_at FROM hash_banks ORDER BY name", MapBank, cancellationToken);

    public async Task<HashBankRecord> UpdateBankAsync(long bankId, string name, double enabledRatio, CancellationToken cancellationToken)
    {
        EnsureWrite();
        HashBankRecord? clash = await GetBankAsync(name, cancellationToken);
        if (clash is not null && clash.Id != bankId)
        {
            throw new ConflictException($"Bank {name} already exists.");
        }

        await ExecuteAsync("UPDATE hash_banks SET name = @name, enabled_ratio = @ratio WHERE id = @id", cancellationToken,
            Arg.Of("id", bankId), Arg.Of("name", name), new Arg("ratio", enabledRatio, DbType.Double));
        return (await GetBankAsync(name, cancellationToken))!;
    }

    public async Task<bool> DeleteBankAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        HashBankRecord? bank = await GetBankAsync(name, cancellationToken);
        if (bank is null)
        {
            return false;
        }

        // One removal per signal (signal rows and key signals), in signal id order, in one set statement: a statement
        // per signal took 36-43 s for a 200,000-hash bank on PostgreSQL. The stored value and hash are copied as they
        // are (EmitChangeAsync's encoding).
        await BulkExecuteAsync(
            $"""
            INSERT INTO bank_changes (entry_id, added, kind, value, hash, case_number, changed_at)
            SELECT -id, 0, kind, value, hash, @case, @at FROM ({AllSignalsWhere("bank_id = @bank", "c.bank_id = @bank")}) x
            ORDER BY id
            """,
            cancellationToken, Arg.Of("bank", bank.Id), Arg.Of("case", BankChangeOwner(bank.Name)), Arg.Of("at", at));
        await ExecuteAsync("DELETE FROM bank_signals WHERE bank_id = @bank", cancellationToken, Arg.Of("bank", bank.Id));
        await ExecuteAsync("DELETE FROM bank_content WHERE bank_id = @bank", cancellationToken, Arg.Of("bank", bank.Id));
        await ExecuteAsync("DELETE FROM hash_banks WHERE id = @bank", cancellationToken, Arg.Of("bank", bank.Id));
        return true;
    }

    public async Task<IReadOnlyDictionary<HashKind, long>> CountSignalsByKindAsync(CancellationToken cancellationToken) =>
        (await QueryAsync(
            """
            SELECT kind, CAST(SUM(n) AS BIGINT) FROM (
                SELECT kind, COUNT(*) AS n FROM bank_signals GROUP BY kind
                UNION ALL SELECT key_kind, COUNT(*) FROM bank_content WHERE key_kind IS NOT NULL GROUP BY key_kind) x
            GROUP BY kind
            """,
            r => (ParseKind(r.GetString(0)), r.GetInt64(1)), cancellationToken))
            .ToDictionary(x => x.Item1, x => x.Item2);

    public Task<long> CountSignalsAsync(long bankId, CancellationToken cancellationToken) =>
        ScalarAsync(
            "SELECT (SELECT COUNT(*) FROM bank_signals WHERE bank_id = @bank) + (SELECT COUNT(*) FROM bank_content WHERE bank_id = @bank AND key_kind IS NOT NULL)",
            cancellationToken, Arg.Of("bank", bankId));

    public async Task<BankContentRecord> AddContentAsync(HashBankRecord bank, IReadOnlyList<(HashKind Kind, string Value)> signals, string? label, string? note, string? metadata, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        long contentId = await InsertContentAsync(bank.Id, null, label, note, metadata, at, cancellationToken);
        var stored = new List<BankSignal>(signals.Count);
        foreach ((HashKind kind, string value) in signals)
        {
            stored.Add(await InsertSignalAsync(contentId, bank, kind, value, inIndex: true, at, cancellationToken));
        }

        return new BankContentRecord(contentId, bank.Id, bank.Name, null, label, note, metadata, 1, stored, at);
    }

    public async Task<BankContentRecord?> GetContentAsync(long contentId, CancellationToken cancellationToken)
    {
        BankContentRecord? content = await QuerySingleAsync(
            $"SELECT {ContentColumns} FROM bank_content c JOIN hash_banks b ON b.id = c.bank_id WHERE c.id = @id",
            r => new BankContentRecord(r.GetInt64(0), r.GetInt64(1), r.GetString(2), KeyOrNull(r, 3), StringOrNull(r, 4), StringOrNull(r, 5),
                StringOrNull(r, 6), r.GetInt64(7), [], Time(r, 8)),
            cancellationToken, Arg.Of("id", contentId));
        return content is null ? null : content with { Signals = await SignalsOfAsync(contentId, cancellationToken) };
    }

    public async Task<BankContentRecord?> UpdateContentAsync(long contentId, long? disableUntil, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        BankContentRecord? before = await GetContentAsync(contentId, cancellationToken);
        if (before is null)
        {
            return null;
        }

        BankContentRecord after = before with { DisableUntil = disableUntil ?? before.DisableUntil, Note = note ?? before.Note };
        await ExecuteAsync("UPDATE bank_content SET disable_until = @until, note = @note, updated_at = @at WHERE id = @id", cancellationToken,
            Arg.Of("id", contentId), Arg.Of("until", after.DisableUntil), Arg.Of("note", after.Note), Arg.Of("at", at));
        bool wasEnabled = before.IsEnabledAt(at), isEnabled = after.IsEnabledAt(at);
        if (wasEnabled != isEnabled)
        {
            foreach (BankSignal signal in before.Signals)
            {
                await EmitChangeAsync(signal.Id, isEnabled, signal.Kind, signal.Value, before.BankName, at, cancellationToken);
            }
        }

        return after;
    }

    public async Task<int> DeleteContentAsync(long contentId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        BankContentRecord? content = await GetContentAsync(contentId, cancellationToken);
        if (content is null)
        {
            return 0;
        }

        await DeleteContentAsync(content.Id, content.BankName, content.Signals, at, cancellationToken);
        return 1;
    }

    public async Task<IReadOnlyList<SignalHit>> FindSignalsAsync(HashKind kind, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[]? hash = SignalCodec.HashOf(kind, value);
        // Key signals by their content key: one ux_bank_content_key (bank_id, key_bytes) lookup per bank. CROSS JOIN
        // keeps SQLite (no statistics) from scanning bank_content and looking each row's bank up instead.
        return hash is not null
            ? await QueryAsync(
                $"""
                SELECT {HitColumns} {HitJoin} WHERE s.hash = @hash AND s.kind = @kind
                UNION ALL SELECT {KeyHitColumns} FROM hash_banks b CROSS JOIN bank_content c WHERE c.bank_id = b.id AND c.key_bytes = @key AND c.key_kind = @kind
                ORDER BY 1
                """,
                MapHit, cancellationToken, Arg.Of("hash", hash), Arg.Of("kind", KindName(kind)), Arg.Of("key", SignalCodec.HashKey(kind, hash)))
            : await QueryAsync($"SELECT {HitColumns} {HitJoin} WHERE s.value = @value AND s.kind = @kind ORDER BY s.id", MapHit, cancellationToken,
                Arg.Of("value", value), Arg.Of("kind", KindName(kind)));
    }

    public async Task<IReadOnlyList<SignalHit>> GetSignalsAsync(IReadOnlyCollection<long> signalIds, CancellationToken cancellationToken)
    {
        var hits = new List<SignalHit>(signalIds.Count);
        foreach (long[] chunk in signalIds.Distinct().Chunk(200))
        {
            string list = string.Join(',', chunk.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            hits.AddRange(await QueryAsync(
                $"SELECT {HitColumns} {HitJoin} WHERE s.id IN ({list}) UNION ALL SELECT {KeyHitColumns} FROM bank_content c JOIN hash_banks b ON b.id = c.bank_id WHERE c.id IN ({list}) AND c.key_kind IS NOT NULL",
                MapHit, cancellationToken));
        }

        return hits;
    }

    /// <summary>
    /// A page of a bank's signals in id order: the next <paramref name="limit"/> of each kind of row (signal rows by
    /// <c>ix_bank_signals_bank</c>, key signals by primary key from <paramref name="afterSignalId"/> on), merged. SQLite
    /// is told not to use the key index for the key signals (<c>+c.bank_id</c>): it would sort the whole bank for every
    /// page, where the primary-key walk costs, over a whole export, at most one pass over the table.
    /// </summary>
    public async Task<IReadOnlyList<(BankSignal Signal, string? Label)>> ListBankSignalsAsync(long bankId, long afterSignalId, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"""
            SELECT * FROM (SELECT s.id, s.kind, s.value, s.hash, c.label FROM bank_signals s JOIN bank_content c ON c.id = s.content_id
                           WHERE s.bank_id = @bank AND s.id > @after ORDER BY s.id LIMIT @limit) a
            UNION ALL
            SELECT * FROM (SELECT {KeySignalColumns}, c.label FROM bank_content c
                           WHERE c.id > @after AND {(_connection is Microsoft.Data.Sqlite.SqliteConnection ? "+c.bank_id" : "c.bank_id")} = @bank AND c.key_kind IS NOT NULL ORDER BY c.id LIMIT @limit) k
            ORDER BY 1 LIMIT @limit
            """,
            r => (new BankSignal(r.GetInt64(0), ParseKind(r.GetString(1)), SignalValue(r, 2)), StringOrNull(r, 4)),
            cancellationToken, Arg.Of("bank", bankId), Arg.Of("after", afterSignalId), Arg.Of("limit", (long)limit));

    public async Task<(int Upserted, int Deleted)> ApplyRecordsAsync(HashBankRecord bank, IReadOnlyList<ExchangeRecord> records, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        (IReadOnlyList<ExchangeRecord> rest, int upserted) = await ImportNewKeyRecordsAsync(bank, records, at, cancellationToken);
        int deleted = 0;
        foreach (ExchangeRecord record in rest)
        {
            (long Id, long DisableUntil)? existing = (await QueryAsync(
                "SELECT id, disable_until FROM bank_content WHERE bank_id = @bank AND key_bytes = @key",
                r => ((long Id, long DisableUntil)?)(r.GetInt64(0), r.GetInt64(1)), cancellationToken, Arg.Of("bank", bank.Id),
                Arg.Of("key", SignalCodec.EncodeKey(record.Key)))).FirstOrDefault();
            if (record.Deleted)
            {
                if (existing is { } gone)
                {
                    await DeleteContentAsync(gone.Id, bank.Name, await SignalsOfAsync(gone.Id, cancellationToken), at, cancellationToken);
                    deleted++;
                }

                continue;
            }

            string value = SignalTypes.Normalize(record.Kind, record.Value);
            if (existing is { } found)
            {
                IReadOnlyList<BankSignal> signals = await SignalsOfAsync(found.Id, cancellationToken);
                await ExecuteAsync("UPDATE bank_content SET label = @label, updated_at = @at WHERE id = @id", cancellationToken,
                    Arg.Of("id", found.Id), Arg.Of("label", record.Label), Arg.Of("at", at));
                if (signals.Count == 1 && signals[0].Kind == record.Kind && signals[0].Value == value)
                {
                    continue;
                }

                bool enabled = IsEnabled(found.DisableUntil, at);
                foreach (BankSignal old in signals)
                {
                    if (enabled)
                    {
                        await EmitChangeAsync(old.Id, added: false, old.Kind, old.Value, bank.Name, at, cancellationToken);
                    }
                }

                await DeleteSignalsOfAsync(found.Id, cancellationToken);
                await ExecuteAsync("UPDATE bank_content SET key_kind = NULL WHERE id = @id AND key_kind IS NOT NULL", cancellationToken, Arg.Of("id", found.Id));
                await InsertSignalAsync(found.Id, bank, record.Kind, value, enabled, at, cancellationToken);
                upserted++;
                continue;
            }

            long contentId = await InsertContentAsync(bank.Id, record.Key, record.Label, null, null, at, cancellationToken);
            await InsertSignalAsync(contentId, bank, record.Kind, value, inIndex: true, at, cancellationToken);
            upserted++;
        }

        return (upserted, deleted);
    }

    private async Task<long> InsertContentAsync(long bankId, string? sourceKey, string? label, string? note, string? metadata, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ScalarAsync(
            "INSERT INTO bank_content (bank_id, key_bytes, label, note, metadata, disable_until, created_at, updated_at) VALUES (@bank, @key, @label, @note, @meta, 1, @at, @at) RETURNING id",
            cancellationToken, Arg.Of("bank", bankId), Arg.Of("key", sourceKey is null ? null : SignalCodec.EncodeKey(sourceKey)), Arg.Of("label", label), Arg.Of("note", note), Arg.Of("meta", metadata), Arg.Of("at", at));

    private async Task<BankSignal> InsertSignalAsync(long contentId, HashBankRecord bank, HashKind kind, string value, bool inIndex, DateTimeOffset at, CancellationToken cancellationToken)
    {
        byte[]? hash = SignalCodec.HashOf(kind, value);
        long id = await ScalarAsync("INSERT INTO bank_signals (content_id, bank_id, kind, value, hash) VALUES (@content, @bank, @kind, @value, @hash) RETURNING id",
            cancellationToken, Arg.Of("content", contentId), Arg.Of("bank", bank.Id), Arg.Of("kind", KindName(kind)), Arg.Of("value", hash is null ? value : null),
            Arg.Of("hash", hash));
        if (inIndex)
        {
            await EmitChangeAsync(id, added: true, kind, value, bank.Name, at, cancellationToken);
        }

        return new BankSignal(id, kind, value);
    }

    private async Task DeleteContentAsync(long contentId, string bankName, IReadOnlyList<BankSignal> signals, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (BankSignal signal in signals)
        {
            await EmitChangeAsync(signal.Id, added: false, signal.Kind, signal.Value, bankName, at, cancellationToken);
        }

        await DeleteSignalsOfAsync(contentId, cancellationToken);
        await ExecuteAsync("DELETE FROM bank_content WHERE id = @id", cancellationToken, Arg.Of("id", contentId));
    }

    /// <summary>
    /// The signals of a content row. Since migration 0010 <c>ix_bank_signals_content</c> holds only signals whose id
    /// differs from their content id (a bulk import gave each signal its content row's id, and saved that index
    /// entry): the rest is found by primary key. Since migration 0011 the content row may itself be a key signal.
    /// Each branch is one index lookup.
    /// </summary>
    private static readonly string s_signalsOfContent =
        $"SELECT id, kind, value, hash FROM bank_signals WHERE content_id = @id AND content_id <> id UNION ALL {AllSignalsWhere("id = @id AND content_id = @id", "c.id = @id")} ORDER BY 1";

    /// <summary>
    /// Deletes the <c>bank_signals</c> rows of a content row (two index lookups, as <see cref="s_signalsOfContent"/>); a
    /// key signal goes with its content row, or by clearing <c>key_kind</c>.
    /// </summary>
    private async Task DeleteSignalsOfAsync(long contentId, CancellationToken cancellationToken)
    {
        await ExecuteAsync("DELETE FROM bank_signals WHERE content_id = @id AND content_id <> id", cancellationToken, Arg.Of("id", contentId));
        await ExecuteAsync("DELETE FROM bank_signals WHERE id = @id AND content_id = @id", cancellationToken, Arg.Of("id", contentId));
    }

    private async Task<IReadOnlyList<BankSignal>> SignalsOfAsync(long contentId, CancellationToken cancellationToken) =>
        await QueryAsync(s_signalsOfContent,
            r => new BankSignal(r.GetInt64(0), ParseKind(r.GetString(1)), SignalValue(r, 2)), cancellationToken, Arg.Of("id", contentId));

    /// <summary>Appends to the change sequence every node's index follows; entry ids of bank signals are negative.</summary>
    private Task<int> EmitChangeAsync(long signalId, bool added, HashKind kind, string value, string bankName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        byte[]? hash = SignalCodec.HashOf(kind, value);
        return ExecuteAsync("INSERT INTO bank_changes (entry_id, added, kind, value, hash, case_number, changed_at) VALUES (@entry, @added, @kind, @value, @hash, @case, @at)",
            cancellationToken, Arg.Of("entry", -signalId), Arg.Of("added", added), Arg.Of("kind", KindName(kind)), Arg.Of("value", hash is null ? value : null),
            Arg.Of("hash", hash), Arg.Of("case", BankChangeOwner(bankName)), Arg.Of("at", at));
    }

    /// <summary>The <c>case_number</c> of bank changes (and so of <c>/check</c> matches) for a named bank.</summary>
    internal static string BankChangeOwner(string bankName) => "bank:" + bankName;

    private static bool IsEnabled(long disableUntil, DateTimeOffset at) => disableUntil == 1 || (disableUntil > 1 && disableUntil <= at.ToUnixTimeSeconds());

    private static HashBankRecord MapBank(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetDouble(2), Time(r, 3));

    private static SignalHit MapHit(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetDouble(4), r.GetInt64(5), ParseKind(r.GetString(6)), SignalValue(r, 7), StringOrNull(r, 9));

    /// <summary>A signal value from its two stored columns at <paramref name="i"/> (text) and <paramref name="i"/> + 1 (raw hash).</summary>
    private static string SignalValue(DbDataReader r, int i) => SignalCodec.Value(StringOrNull(r, i), r.IsDBNull(i + 1) ? null : Bytes(r, i + 1));

    private static string? KeyOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : SignalCodec.DecodeKey(Bytes(r, i));
}
