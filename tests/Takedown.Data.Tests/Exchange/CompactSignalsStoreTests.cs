using System.Globalization;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Data.Records;
using Takedown.Data.Sql;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests.Exchange;

/// <summary>
/// Migration 0009 (compact signals: raw hash bytes, stored keys, no foreign keys on bank content and signals): rows
/// written the old way read back identically after it, and integrity holds by construction (no orphan signal or
/// content, and the change sequence folds to exactly the live signals) after import, upsert, delete, withdrawal and a
/// unit of work that fails half-way. Run on SQLite and PostgreSQL by the sealed subclasses.
/// </summary>
public abstract partial class CompactSignalsStoreTests : StoreTestBase
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string s_p1 = Hex(32, 1001), s_p2 = Hex(32, 1002), s_p3 = Hex(32, 1003), s_p4 = Hex(32, 1004), s_p5 = Hex(32, 1005);
    private static readonly string s_m1 = Hex(16, 1006), s_s1 = Hex(32, 1007);
    private static readonly string s_upper = Hex(32, 1008).ToUpperInvariant();
    private const string Vpdq = "0,100,abc,0.000;1,100,def,1.000";

    /// <summary>Runs the migration and integrity tests on <paramref name="database"/>.</summary>
    protected CompactSignalsStoreTests(TestDatabase database)
        : base(database)
    {
    }

    /// <summary>Each test migrates to the version it needs.</summary>
    protected override StoreOnStart StoreOnStart => StoreOnStart.Unmigrated;

    /// <summary>Lowercase hex of <paramref name="bytes"/> bytes, a distinct pattern per <paramref name="seed"/> (0 to 65535).</summary>
    private static string Hex(int bytes, int seed) =>
        string.Concat(Enumerable.Range(0, bytes).Select(i => ((byte)(((seed * 37) + (i * 11)) ^ ((seed >> 8) * 0x5b))).ToString("x2", CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Migrate0009_RowsWrittenAsText_ReadMatchAndUpsertAsBefore()
    {
        await Store.MigrateAsync(8, Ct);
        static string Content(string? key, string label) =>
            $"INSERT INTO bank_content (bank_id, source_key, label, disable_until, created_at, updated_at) SELECT id, {(key is null ? "NULL" : $"'{key}'")}, '{label}', 1, 0, 0 FROM hash_banks;";
        static string Signal(string label, string kind, string value) =>
            $"INSERT INTO bank_signals (content_id, bank_id, kind, value) SELECT id, bank_id, '{kind}', '{value}' FROM bank_content WHERE label = '{label}';";
        await ExecuteSqlAsync(string.Join('\n',
            "INSERT INTO hash_banks (name, enabled_ratio, created_at) VALUES ('OLD', 1, 0);",
            Content("pdq:" + s_p1, "a"), Content("md5:" + s_m1, "b"), Content("sha256:" + s_s1, "c"), Content("stopncii:42", "x"),
            Content(null, "curated"), Content("pdq:" + s_p3, "gone"),
            Signal("a", "pdq", s_p1), Signal("b", "md5", s_m1), Signal("c", "sha256", s_s1), Signal("x", "pdq", s_p2),
            Signal("curated", "pdq", s_upper), Signal("curated", "vpdq", Vpdq), Signal("gone", "pdq", s_p3),
            "INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at) SELECT -id, 1, kind, value, 'bank:OLD', 0 FROM bank_signals ORDER BY id;",
            $"INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at) VALUES (7, 1, 'pdq', '{s_p4}', 'TD-1', 0);",
            $"INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at) SELECT -id, 0, kind, value, 'bank:OLD', 0 FROM bank_signals WHERE value = '{s_p3}';"));
        long goneSignal = await ScalarSqlAsync($"SELECT id FROM bank_signals WHERE value = '{s_p3}'");
        long p1Content = await ScalarSqlAsync($"SELECT content_id FROM bank_signals WHERE value = '{s_p1}'");
        long keyedContent = await ScalarSqlAsync("SELECT id FROM bank_content WHERE source_key = 'stopncii:42'");
        long curatedContent = await ScalarSqlAsync("SELECT id FROM bank_content WHERE source_key IS NULL");
        await ExecuteSqlAsync($"DELETE FROM bank_signals WHERE value = '{s_p3}'; DELETE FROM bank_content WHERE label = 'gone';");

        (await Store.MigrateAsync(Ct)).ShouldBe([9, 10, 11]);

        HashBankRecord bank = (await ReadAsync(s => s.Exchange().GetBankAsync("OLD", Ct)))!;
        List<(BankSignal Signal, string? Label)> signals = [.. await ReadAsync(s => s.Exchange().ListBankSignalsAsync(bank.Id, 0, 100, Ct))];
        signals.Select(x => (x.Signal.Kind, x.Signal.Value, x.Label)).ShouldBe([
            (HashKind.Pdq, s_p1, "a"), (HashKind.Md5, s_m1, "b"), (HashKind.Sha256, s_s1, "c"), (HashKind.Pdq, s_p2, "x"),
            (HashKind.Pdq, s_upper, "curated"), (HashKind.Vpdq, Vpdq, "curated")]);
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_signals WHERE hash IS NOT NULL")).ShouldBe(4);

        foreach ((BankSignal signal, _) in signals)
        {
            IReadOnlyList<SignalHit> hits = await ReadAsync(s => s.Exchange().FindSignalsAsync(signal.Kind, signal.Value, Ct));
            hits.Select(h => h.SignalId).ShouldBe([signal.Id]);
        }

        (await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, s_upper.ToLowerInvariant(), Ct))).ShouldBeEmpty();
        (await ReadAsync(s => s.Exchange().GetContentAsync(p1Content, Ct)))!.SourceKey.ShouldBe("pdq:" + s_p1);
        (await ReadAsync(s => s.Exchange().GetContentAsync(keyedContent, Ct)))!.SourceKey.ShouldBe("stopncii:42");
        (await ReadAsync(s => s.Exchange().GetContentAsync(curatedContent, Ct)))!.SourceKey.ShouldBeNull();

        IReadOnlyList<BankChange> changes = await ReadAsync(s => s.ReadBankChangesAsync(0, 100, Ct));
        changes.Select(c => (c.Sequence, c.Added, c.Kind, c.Value, c.CaseNumber)).ShouldBe([
            (1L, true, HashKind.Pdq, s_p1, "bank:OLD"), (2L, true, HashKind.Md5, s_m1, "bank:OLD"), (3L, true, HashKind.Sha256, s_s1, "bank:OLD"),
            (4L, true, HashKind.Pdq, s_p2, "bank:OLD"), (5L, true, HashKind.Pdq, s_upper, "bank:OLD"), (6L, true, HashKind.Vpdq, Vpdq, "bank:OLD"),
            (7L, true, HashKind.Pdq, s_p3, "bank:OLD"), (8L, true, HashKind.Pdq, s_p4, "TD-1"), (9L, false, HashKind.Pdq, s_p3, "bank:OLD")]);

        // The converted keys are the keys new writes use: a re-import relabels instead of duplicating, a keyed record
        // is found again, and ids of deleted rows are not handed out again.
        (int added, int updated) = await WriteAsync(s => s.Exchange().ImportAsync(bank,
            [new HashListEntry(HashKind.Pdq, s_p1, "a2", null), new HashListEntry(HashKind.Md5, s_m1, "b", null), new HashListEntry(HashKind.Sha256, s_s1, "c", null),
             new HashListEntry(HashKind.Pdq, s_p5, null, null)], s_t0, Ct));
        (added, updated).ShouldBe((1, 1));
        (await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, [new ExchangeRecord("stopncii:42", HashKind.Pdq, s_p2, "x", Deleted: true)], s_t0, Ct)))
            .ShouldBe((0, 1));
        IReadOnlyList<SignalHit> p5 = await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, s_p5, Ct));
        p5.Single().SignalId.ShouldBeGreaterThan(goneSignal);
        (await ReadAsync(s => s.ReadBankChangesAsync(9, 100, Ct))).Select(c => c.Sequence).ShouldBe([10L, 11L]);
    }

    [Fact]
    public async Task Writes_ImportUpsertDeleteWithdrawAndFailure_NoOrphansAndChangesFoldToLiveSignals()
    {
        await Store.MigrateAsync(Ct);
        HashBankRecord list = await WriteAsync(s => s.Exchange().CreateBankAsync("LIST", 1, s_t0, Ct));
        HashBankRecord feed = await WriteAsync(s => s.Exchange().CreateBankAsync("FEED", 1, s_t0, Ct));
        HashBankRecord doomed = await WriteAsync(s => s.Exchange().CreateBankAsync("DOOMED", 1, s_t0, Ct));
        HashListEntry[] entries = [.. Enumerable.Range(0, 300).Select(i => new HashListEntry(
            (i % 3) switch { 0 => HashKind.Pdq, 1 => HashKind.Md5, _ => HashKind.Sha256 }, Hex(i % 3 == 1 ? 16 : 32, i), i % 2 == 0 ? "even" : null, null))];

        await WriteAsync(s => s.Exchange().ImportAsync(list, entries, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(list, [.. entries.Take(50).Select(e => e with { Label = "relabelled" }), new HashListEntry(HashKind.Vpdq, Vpdq, null, null)], s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(doomed, entries.Take(20), s_t0, Ct));
        await WriteAsync(s => s.Exchange().ApplyRecordsAsync(feed,
            [new ExchangeRecord("r1", HashKind.Pdq, s_p1, null, false), new ExchangeRecord("r2", HashKind.Pdq, s_p2, null, false), new ExchangeRecord("r3", HashKind.Md5, s_m1, null, false)],
            s_t0, Ct));

        // Upsert with a new value, a withdrawal, a curated item added and one deleted, a whole bank deleted.
        await WriteAsync(s => s.Exchange().ApplyRecordsAsync(feed,
            [new ExchangeRecord("r1", HashKind.Pdq, s_p3, "changed", false), new ExchangeRecord("r2", HashKind.Pdq, s_p2, null, Deleted: true)], s_t0, Ct));
        BankContentRecord curated = await WriteAsync(s => s.Exchange().AddContentAsync(feed, [(HashKind.Pdq, s_p4), (HashKind.Vpdq, Vpdq)], "c", null, null, s_t0, Ct));
        await WriteAsync(s => s.Exchange().AddContentAsync(feed, [(HashKind.Sha256, s_s1)], "kept", null, null, s_t0, Ct));
        (await WriteAsync(s => s.Exchange().DeleteContentAsync(curated.Id, s_t0, Ct))).ShouldBe(1);
        (await WriteAsync(s => s.Exchange().DeleteBankAsync("DOOMED", s_t0, Ct))).ShouldBeTrue();

        // A unit of work that fails after its import wrote content, signals and changes: none of it stays.
        await Should.ThrowAsync<InvalidOperationException>(() => WriteAsync<int>(async s =>
        {
            await s.Exchange().ImportAsync(list, [.. Enumerable.Range(1000, 100).Select(i => new HashListEntry(HashKind.Pdq, Hex(32, i), null, null))], s_t0, Ct);
            await s.Exchange().ApplyRecordsAsync(feed, [new ExchangeRecord("r3", HashKind.Md5, s_m1, null, Deleted: true)], s_t0, Ct);
            throw new InvalidOperationException("fails before commit");
        }));

        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_signals s WHERE NOT EXISTS (SELECT 1 FROM bank_content c WHERE c.id = s.content_id AND c.bank_id = s.bank_id)")).ShouldBe(0);
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_content c WHERE NOT EXISTS (SELECT 1 FROM hash_banks b WHERE b.id = c.bank_id)")).ShouldBe(0);
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_content c WHERE c.key_kind IS NULL AND NOT EXISTS (SELECT 1 FROM bank_signals s WHERE s.content_id = c.id)")).ShouldBe(0);
        // A key signal (migration 0011) never has a signal row beside it, and no signal row takes a key signal's id.
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_content c WHERE c.key_kind IS NOT NULL AND EXISTS (SELECT 1 FROM bank_signals s WHERE s.content_id = c.id OR s.id = c.id)")).ShouldBe(0);
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_content WHERE key_kind IS NOT NULL")).ShouldBe(300);
        (await ScalarSqlAsync($"SELECT COUNT(*) FROM bank_content WHERE bank_id = {doomed.Id}")).ShouldBe(0);

        var live = new Dictionary<long, (HashKind, string)>();
        foreach (HashBankRecord bank in new[] { list, feed })
        {
            foreach ((BankSignal signal, _) in await ReadAsync(s => s.Exchange().ListBankSignalsAsync(bank.Id, 0, 100_000, Ct)))
            {
                live.Add(-signal.Id, (signal.Kind, signal.Value));
            }
        }

        // An imported signal's addition is part of its import's range row (migration 0010), read from the signal row:
        // once the signal is deleted only its removal is left. Every other removal follows its addition.
        var folded = new Dictionary<long, (HashKind, string)>();
        foreach (BankChange change in await ReadAsync(s => s.ReadBankChangesAsync(0, 100_000, Ct)))
        {
            if (change.Added)
            {
                folded.Add(change.EntryId, (change.Kind, change.Value));
            }
            else if (folded.Remove(change.EntryId, out (HashKind Kind, string Value) removed))
            {
                removed.ShouldBe((change.Kind, change.Value));
            }
            else
            {
                (await ScalarSqlAsync($"SELECT COUNT(*) FROM bank_signals WHERE id = {-change.EntryId}")).ShouldBe(0);
                (await ScalarSqlAsync($"SELECT COUNT(*) FROM bank_content WHERE id = {-change.EntryId} AND key_kind IS NOT NULL")).ShouldBe(0);
                (await ScalarSqlAsync($"SELECT COUNT(*) FROM bank_changes WHERE span IS NOT NULL AND -entry_id <= {-change.EntryId} AND -entry_id + span > {-change.EntryId} AND seq < {change.Sequence}")).ShouldBe(1);
            }
        }

        folded.OrderBy(x => x.Key).ShouldBe(live.OrderBy(x => x.Key));
        live.Count.ShouldBe(300 + 1 + 2 + 1);
        live.Values.ShouldContain((HashKind.Pdq, s_p3));
        live.Values.ShouldContain((HashKind.Md5, s_m1));
        live.Values.ShouldNotContain((HashKind.Pdq, s_p2));
    }
}

public sealed class SqliteCompactSignalsStoreTests() : CompactSignalsStoreTests(new SqliteTestDatabase());

public sealed class PostgresCompactSignalsStoreTests() : CompactSignalsStoreTests(new PostgresTestDatabase());
