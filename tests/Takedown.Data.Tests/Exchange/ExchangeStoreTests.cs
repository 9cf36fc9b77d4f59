using System.Globalization;
using Takedown.Core.Cases;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Core.Requests;
using Takedown.Data.Records;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests.Exchange;

/// <summary>The exchange storage contract, run on SQLite and PostgreSQL by the sealed subclasses.</summary>
public abstract class ExchangeStoreTests : StoreTestBase
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the contract on <paramref name="database"/>.</summary>
    protected ExchangeStoreTests(TestDatabase database)
        : base(database)
    {
    }

    private static string Hash(int i) => i.ToString("x64", CultureInfo.InvariantCulture);

    private static ExchangeRecord Add(int i, int value) => new("k" + i, HashKind.Pdq, Hash(value), "L" + i, false);

    private async Task<Dictionary<long, string>> IndexStateAsync()
    {
        // Replays the change sequence the way every node's index does.
        IReadOnlyList<BankChange> changes = await ReadAsync(s => s.ReadBankChangesAsync(0, 100_000, Ct));
        var live = new Dictionary<long, string>();
        foreach (BankChange c in changes)
        {
            if (c.Added)
            {
                live[c.EntryId] = c.Value;
            }
            else
            {
                live.Remove(c.EntryId);
            }
        }

        return live;
    }

    [Fact]
    public async Task ApplyRecords_UpsertsReplacesAndDeletes_BankAndIndexEqualLiveSet()
    {
        // Given an exchange
        ExchangeConfigRecord ex = await WriteAsync(s => s.Exchange().InsertExchangeAsync("PARTNER", "stop_ncii", "{}", s_t0, Ct));
        HashBankRecord bank = (await ReadAsync(s => s.Exchange().GetBankAsync("PARTNER", Ct)))!;

        // When pages arrive: adds, a replacement of k1's hash, a replay, a deletion and a deletion of an unknown key
        (int, int) first = await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, [Add(1, 1), Add(2, 2), Add(3, 3)], s_t0, Ct));
        (int, int) second = await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, [Add(1, 11), Add(2, 2), Add(3, 3) with { Deleted = true }, Add(9, 9) with { Deleted = true }], s_t0, Ct));
        await WriteAsync(async s => { await s.Exchange().SetCheckpointAsync(ex.Id, "cp-2", 4, Ct); return 0; });

        // Then
        first.ShouldBe((3, 0));
        second.ShouldBe((1, 1));
        IReadOnlyList<(BankSignal Signal, string? Label)> signals = await ReadAsync(s => s.Exchange().ListBankSignalsAsync(bank.Id, 0, 100, Ct));
        signals.Select(x => x.Signal.Value).Order().ShouldBe([Hash(2), Hash(11)]);
        Dictionary<long, string> index = await IndexStateAsync();
        index.Values.Order().ShouldBe([Hash(2), Hash(11)]);
        index.Keys.ShouldAllBe(id => id < 0);
        (await ReadAsync(s => s.Exchange().GetExchangeAsync("PARTNER", Ct)))!.Checkpoint.ShouldBe("cp-2");
        IReadOnlyList<BankChange> changes = await ReadAsync(s => s.ReadBankChangesAsync(0, 100, Ct));
        changes.ShouldAllBe(c => c.CaseNumber == "bank:PARTNER");
    }

    [Fact]
    public async Task Import_MillionStyleBulkPath_AddsOnceAndUpdatesLabelsOnReimport()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("LIST", 1, s_t0, Ct));
        HashListEntry[] entries = Enumerable.Range(1, 500).Select(i => new HashListEntry(HashKind.Pdq, Hash(i), "a", null)).ToArray();

        (int, int) first = await WriteAsync(s => s.Exchange().ImportAsync(bank, entries, s_t0, Ct));
        (int, int) again = await WriteAsync(s => s.Exchange().ImportAsync(bank, entries.Select((e, i) => i < 10 ? e with { Label = "b" } : e), s_t0, Ct));

        first.ShouldBe((500, 0));
        again.ShouldBe((0, 10));
        (await ReadAsync(s => s.Exchange().CountSignalsAsync(bank.Id, Ct))).ShouldBe(500);
        (await IndexStateAsync()).Count.ShouldBe(500);
    }

    [Fact]
    public async Task Content_DisableAndDelete_LeaveTheIndexAndBankMembershipIsKept()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("CURATED", 1, s_t0, Ct));
        BankContentRecord content = await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Pdq, Hash(5)), (HashKind.Md5, new string('a', 32))], null, "n", null, s_t0, Ct));
        (await IndexStateAsync()).Count.ShouldBe(2);

        BankContentRecord? disabled = await WriteAsync(s => s.Exchange().UpdateContentAsync(content.Id, 0, null, s_t0, Ct));
        disabled!.IsEnabledAt(s_t0).ShouldBeFalse();
        (await IndexStateAsync()).ShouldBeEmpty();
        await WriteAsync(s => s.Exchange().UpdateContentAsync(content.Id, 1, null, s_t0, Ct));
        (await IndexStateAsync()).Count.ShouldBe(2);
        IReadOnlyList<SignalHit> hits = await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Hash(5), Ct));
        hits.ShouldHaveSingleItem().ContentId.ShouldBe(content.Id);

        (await WriteAsync(s => s.Exchange().DeleteContentAsync(content.Id, s_t0, Ct))).ShouldBe(1);
        (await IndexStateAsync()).ShouldBeEmpty();
        (await ReadAsync(s => s.Exchange().GetContentAsync(content.Id, Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task Outcomes_RecordedOnceAndMarkedReported()
    {
        await WriteAsync(s => s.Exchange().InsertExchangeAsync("SNC", "stop_ncii", "{}", s_t0, Ct));
        HashBankRecord bank = (await ReadAsync(s => s.Exchange().GetBankAsync("SNC", Ct)))!;
        await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, [Add(1, 1)], s_t0, Ct));
        SignalHit hit = (await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Hash(1), Ct))).Single();

        (await WriteAsync(s => s.Exchange().InsertOutcomeAsync(hit, "content-1", MatchOutcome.PendingReview, s_t0, Ct))).ShouldBeTrue();
        (await WriteAsync(s => s.Exchange().InsertOutcomeAsync(hit, "content-1", MatchOutcome.PendingReview, s_t0, Ct))).ShouldBeFalse();
        IReadOnlyList<OutcomeRecord> pending = await ReadAsync(s => s.Exchange().ListUnreportedOutcomesAsync(bank.Id, 10, Ct));
        pending.ShouldHaveSingleItem().Outcome.ShouldBe("pending_review");
        await WriteAsync(async s => { await s.Exchange().MarkOutcomesReportedAsync([pending[0].Id], s_t0, Ct); return 0; });

        (await ReadAsync(s => s.Exchange().ListUnreportedOutcomesAsync(bank.Id, 10, Ct))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Feed_PublishesOnlyConsentingCasesAndWithdrawsOnReleaseOrConsentWithdrawal()
    {
        // Given two removed cases with banked hashes; only the first requester consents to sharing
        (long a, long b) = await WriteAsync(async s =>
        {
            CaseRecord ca = await s.InsertCaseAsync(NewCase("TD-A"), Ct);
            CaseRecord cb = await s.InsertCaseAsync(NewCase("TD-B"), Ct);
            await s.InsertBankEntryAsync(ca.Id, ca.CaseNumber, null, HashKind.Pdq, Hash(1), 100, s_t0, Ct);
            await s.InsertBankEntryAsync(cb.Id, cb.CaseNumber, null, HashKind.Pdq, Hash(2), 100, s_t0, Ct);
            return (ca.Id, cb.Id);
        });
        (await WriteAsync(s => s.Exchange().SetShareConsentAsync("TD-A", true, s_t0, Ct))).ShouldBeTrue();
        await WriteAsync(async s => { await s.InsertBankEntryAsync(a, "TD-A", null, HashKind.Md5, new string('b', 32), 0, s_t0, Ct); return 0; });

        // When the feed refreshes
        await WriteAsync(s => s.Exchange().RefreshFeedAsync(s_t0, Ct));
        IReadOnlyList<FeedEventRecord> published = await ReadAsync(s => s.Exchange().ReadFeedAsync(0, 100, Ct));

        // Then only case A's hashes are published, without case numbers
        published.Select(e => (e.Value, e.Deleted)).ShouldBe([(Hash(1), false), (new string('b', 32), false)]);
        published.ShouldAllBe(e => e.EntryKey.StartsWith('e'));

        // When A's hashes are released (withdrawal) and B consents later
        await WriteAsync(s => s.ReleaseBankEntriesAsync(a, "TD-A", null, s_t0, Ct));
        await WriteAsync(s => s.Exchange().SetShareConsentAsync("TD-B", true, s_t0, Ct));
        await WriteAsync(s => s.Exchange().RefreshFeedAsync(s_t0, Ct));
        IReadOnlyList<FeedEventRecord> later = await ReadAsync(s => s.Exchange().ReadFeedAsync(published[^1].Sequence, 100, Ct));

        // Then A's hashes are withdrawn and B's published
        later.Select(e => (e.Value, e.Deleted)).Order().ShouldBe([(Hash(1), true), (Hash(2), false), (new string('b', 32), true)]);
        _ = b;
    }

    [Fact]
    public async Task DeleteExchange_RemovesItsBankAndHashesFromTheIndex()
    {
        await WriteAsync(s => s.Exchange().InsertExchangeAsync("GONE", "takedown", "{}", s_t0, Ct));
        HashBankRecord bank = (await ReadAsync(s => s.Exchange().GetBankAsync("GONE", Ct)))!;
        await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, [Add(1, 1), Add(2, 2)], s_t0, Ct));

        (await WriteAsync(s => s.Exchange().DeleteExchangeAsync("GONE", s_t0, Ct))).ShouldBeTrue();

        (await IndexStateAsync()).ShouldBeEmpty();
        (await ReadAsync(s => s.Exchange().GetBankAsync("GONE", Ct))).ShouldBeNull();
        (await ReadAsync(s => s.Exchange().ListExchangesAsync(Ct))).ShouldBeEmpty();
    }

    private static NewCase NewCase(string number) => new(
        number, CaseStatus.Removed, "US", s_t0, s_t0.AddHours(48), s_t0, new byte[32],
        new RemovalRequest { SignatureName = "x", SignatureAttested = true, Locations = ["c1"], GoodFaithAttested = true, ContactEmail = "x@example.org" }, "[]");
}

public sealed class SqliteExchangeStoreTests() : ExchangeStoreTests(new SqliteTestDatabase());

public sealed class PostgresExchangeStoreTests() : ExchangeStoreTests(new PostgresTestDatabase());
