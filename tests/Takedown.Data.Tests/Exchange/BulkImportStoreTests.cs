using System.Globalization;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Data.Records;
using Takedown.Data.Sql;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests.Exchange;

/// <summary>
/// The set-based bulk import (<see cref="IExchangeSession.ImportAsync"/>): staging batches, key-ordered upsert, signals
/// and change rows; run on SQLite and PostgreSQL by the sealed subclasses.
/// </summary>
public abstract partial class BulkImportStoreTests : StoreTestBase
{
    private protected static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>More than a few staging batches, and not a multiple of one, so the tail batch is exercised.</summary>
    private static readonly int s_listSize = (SqlSession.StageBatchRows * 3) + 17;

    /// <summary>Runs the import tests on <paramref name="database"/>.</summary>
    protected BulkImportStoreTests(TestDatabase database)
        : base(database)
    {
    }

    /// <summary>Installs a trigger that makes inserting the content row with <paramref name="key"/> fail.</summary>
    protected abstract Task RefuseContentKeyAsync(string key);

    private static string Pdq(int i) => i.ToString("x64", CultureInfo.InvariantCulture);

    private protected static HashListEntry Entry(int i, string? label) => new(HashKind.Pdq, Pdq(i), label, null);

    private async Task<List<(BankSignal Signal, string? Label)>> SignalsAsync(long bankId) =>
        [.. await ReadAsync(s => s.Exchange().ListBankSignalsAsync(bankId, 0, 100_000, Ct))];

    [Fact]
    public async Task Import_ListAcrossSeveralBatches_EveryHashBankedOnceWithItsChangeRow()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("LIST", 1, s_t0, Ct));
        HashListEntry[] entries = Enumerable.Range(1, s_listSize).Select(i => Entry(i, i % 2 == 0 ? "even" : null)).ToArray();

        (int Added, int Updated) result = await WriteAsync(s => s.Exchange().ImportAsync(bank, entries, s_t0, Ct));

        result.ShouldBe((s_listSize, 0));
        List<(BankSignal Signal, string? Label)> signals = await SignalsAsync(bank.Id);
        signals.Count.ShouldBe(s_listSize);
        signals.Select(x => x.Signal.Value).Order(StringComparer.Ordinal).ShouldBe(entries.Select(e => e.Value).Order(StringComparer.Ordinal));
        signals.ShouldAllBe(x => x.Signal.Kind == HashKind.Pdq);
        signals.Single(x => x.Signal.Value == Pdq(2)).Label.ShouldBe("even");
        signals.Single(x => x.Signal.Value == Pdq(3)).Label.ShouldBeNull();

        // The change sequence carries exactly one addition per signal, owned by the bank, with negated signal ids.
        IReadOnlyList<BankChange> changes = await ReadAsync(s => s.ReadBankChangesAsync(0, 100_000, Ct));
        changes.Count.ShouldBe(s_listSize);
        changes.ShouldAllBe(c => c.Added && c.CaseNumber == "bank:LIST" && c.Kind == HashKind.Pdq);
        changes.Select(c => -c.EntryId).Order().ShouldBe(signals.Select(x => x.Signal.Id).Order());
        changes.Select(c => c.Value).Order(StringComparer.Ordinal).ShouldBe(entries.Select(e => e.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_MixedKinds_KindAndValueStoredAsGiven()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("MIXED", 1, s_t0, Ct));
        string md5 = new('a', 32), sha = new('b', 64);

        (int, int) result = await WriteAsync(s => s.Exchange().ImportAsync(bank,
            [new HashListEntry(HashKind.Md5, md5, null, null), new HashListEntry(HashKind.Sha256, sha, "s", null), Entry(7, null)], s_t0, Ct));

        result.ShouldBe((3, 0));
        List<(BankSignal Signal, string? Label)> signals = await SignalsAsync(bank.Id);
        signals.Select(x => (x.Signal.Kind, x.Signal.Value)).OrderBy(x => x.Kind).ShouldBe([(HashKind.Pdq, Pdq(7)), (HashKind.Md5, md5), (HashKind.Sha256, sha)]);
        (await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Md5, md5, Ct))).Single().BankName.ShouldBe("MIXED");
    }

    [Fact]
    public async Task Import_DuplicateLinesAndReimport_LastLabelWinsAndOnlyExistingRelabelsCount()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("DUPES", 1, s_t0, Ct));

        // A list naming hash 1 three times: one content row, the last line's label.
        (int, int) first = await WriteAsync(s => s.Exchange().ImportAsync(bank, [Entry(1, "a"), Entry(2, "x"), Entry(1, "b"), Entry(1, "c")], s_t0, Ct));

        // A second list: hash 2 relabelled, hash 1 unchanged, hash 3 new.
        (int, int) second = await WriteAsync(s => s.Exchange().ImportAsync(bank, [Entry(2, "y"), Entry(1, "c"), Entry(3, null)], s_t0.AddMinutes(1), Ct));

        first.ShouldBe((2, 0));
        second.ShouldBe((1, 1));
        List<(BankSignal Signal, string? Label)> signals = await SignalsAsync(bank.Id);
        signals.OrderBy(x => x.Signal.Value, StringComparer.Ordinal).Select(x => (x.Signal.Value, x.Label)).ShouldBe([(Pdq(1), "c"), (Pdq(2), "y"), (Pdq(3), null)]);
        (await ReadAsync(s => s.ReadBankChangesAsync(0, 100, Ct))).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Import_ListFailsHalfWay_NothingOfItIsKeptAndEarlierHashesStay()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("SAFE", 1, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [Entry(1, "kept")], s_t0, Ct));

        // A list whose reader fails after more than two staging batches (a malformed line, a broken stream).
        static IEnumerable<HashListEntry> Failing()
        {
            for (int i = 100; i < 100 + (SqlSession.StageBatchRows * 2) + 3; i++)
            {
                yield return Entry(i, "new");
            }

            yield return Entry(1, "relabelled");
            throw new ExchangeFormatException("line 1004: a pdq hash has 64 hexadecimal digits, this one has 3");
        }

        await Should.ThrowAsync<ExchangeFormatException>(() => WriteAsync(s => s.Exchange().ImportAsync(bank, Failing(), s_t0, Ct)));

        List<(BankSignal Signal, string? Label)> signals = await SignalsAsync(bank.Id);
        signals.Select(x => (x.Signal.Value, x.Label)).ShouldBe([(Pdq(1), "kept")]);
        (await ReadAsync(s => s.ReadBankChangesAsync(0, 100_000, Ct))).Count.ShouldBe(1);

        // The connection the failed import used leaves no staging table behind: the next import works.
        (int, int) next = await WriteAsync(s => s.Exchange().ImportAsync(bank, [Entry(2, null)], s_t0, Ct));
        next.ShouldBe((1, 0));
    }

    [Fact]
    public async Task Import_TwiceInOneUnitOfWork_BothApplied()
    {
        HashBankRecord one = await WriteAsync(s => s.Exchange().CreateBankAsync("ONE", 1, s_t0, Ct));
        HashBankRecord two = await WriteAsync(s => s.Exchange().CreateBankAsync("TWO", 1, s_t0, Ct));

        (int, int) result = await WriteAsync(async s =>
        {
            (int a, _) = await s.Exchange().ImportAsync(one, [Entry(1, null), Entry(2, null)], s_t0, Ct);
            (int b, _) = await s.Exchange().ImportAsync(two, [Entry(1, null)], s_t0, Ct);
            (int none, _) = await s.Exchange().ImportAsync(two, [], s_t0, Ct);
            return (a + b, none);
        });

        result.ShouldBe((3, 0));
        (await ReadAsync(s => s.Exchange().CountSignalsAsync(one.Id, Ct))).ShouldBe(2);
        (await ReadAsync(s => s.Exchange().CountSignalsAsync(two.Id, Ct))).ShouldBe(1);
        IReadOnlyList<BankChange> changes = await ReadAsync(s => s.ReadBankChangesAsync(0, 100, Ct));
        changes.Select(c => c.CaseNumber).ShouldBe(["bank:ONE", "bank:ONE", "bank:TWO"]);
    }
}

public sealed class SqliteBulkImportStoreTests() : BulkImportStoreTests(new SqliteTestDatabase())
{
    protected override Task RefuseContentKeyAsync(string key) => ExecuteSqlAsync(
        $"CREATE TRIGGER refuse_key BEFORE INSERT ON bank_content WHEN NEW.key_bytes = x'{Convert.ToHexString(SignalCodec.EncodeKey(key))}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
}

public sealed class PostgresBulkImportStoreTests() : BulkImportStoreTests(new PostgresTestDatabase())
{
    [Fact]
    public async Task Import_ManyRows_RefreshesThePlannersStatisticsWithTheCommit()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("STATS", 1, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [.. Enumerable.Range(1, SqlSession.AnalyzeAfterRows).Select(i => Entry(i, null))], s_t0, Ct));

        // Never vacuumed or analyzed before: -1 until the import's ANALYZE, which counts all the rows of so small a table.
        string schema = ((PostgresTestDatabase)Database).Schema;
        object? reltuples = await Database.ScalarAsync($"SELECT reltuples FROM pg_class WHERE oid = '{schema}.bank_content'::regclass", Ct);
        Convert.ToDouble(reltuples, CultureInfo.InvariantCulture).ShouldBe(SqlSession.AnalyzeAfterRows);
    }

    protected override async Task RefuseContentKeyAsync(string key)
    {
        await ExecuteSqlAsync(
            $"CREATE FUNCTION refuse_key() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.key_bytes = '\\x{Convert.ToHexString(SignalCodec.EncodeKey(key))}'::bytea THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$");
        await ExecuteSqlAsync("CREATE TRIGGER refuse_key BEFORE INSERT ON bank_content FOR EACH ROW EXECUTE FUNCTION refuse_key()");
    }
}
