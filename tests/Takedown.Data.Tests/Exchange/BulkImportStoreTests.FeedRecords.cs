using Takedown.Core.Exchange;
using Takedown.Core.Media;
using Takedown.Data.Records;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Exchange;

/// <summary>
/// Exchange records keyed by their own hash (StopNCII: <c>pdq:&lt;hash&gt;</c>): new ones go in as one bulk import, every
/// other record (existing keys, deletions, other keys, a key twice in a page) one by one, with the same outcome and
/// counts as the one-by-one path alone.
/// </summary>
public abstract partial class BulkImportStoreTests
{
    private static ExchangeRecord Feed(int i, string? label = "StopNCII", bool deleted = false) => new("pdq:" + Pdq(i), HashKind.Pdq, Pdq(i), label, deleted);

    [Fact]
    public async Task ApplyRecords_PagesMixingNewHashKeysWithOtherRecords_SameOutcomeAsOneByOne()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("NCII", 1, s_t0, Ct));
        ExchangeRecord[] first = [.. Enumerable.Range(1, 20).Select(i => Feed(i))];
        ExchangeRecord[] second =
        [
            Feed(1, "relabelled"),            // existing key, same hash: label only, not counted
            Feed(2, deleted: true),           // withdrawal of an imported hash
            Feed(21),                         // a key twice in the page: added, then withdrawn
            Feed(21, deleted: true),
            Feed(99, deleted: true),          // withdrawal of a hash never seen: nothing
            new ExchangeRecord("stopncii:9", HashKind.Pdq, Pdq(22), "other key", false),
            .. Enumerable.Range(23, 16).Select(i => Feed(i, i % 2 == 0 ? "even" : null)),
        ];
        SqlSession.BulkRecordsFrom.ShouldBeLessThanOrEqualTo(first.Length);

        (await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, first, s_t0, Ct))).ShouldBe((20, 0));
        (await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, second, s_t0, Ct))).ShouldBe((1 + 1 + 16, 1 + 1));

        List<(BankSignal Signal, string? Label)> signals = await SignalsAsync(bank.Id);
        var expected = new[] { 1 }.Concat(Enumerable.Range(3, 18)).Concat([22]).Concat(Enumerable.Range(23, 16)).Select(Pdq).Order(StringComparer.Ordinal);
        signals.Select(x => x.Signal.Value).Order(StringComparer.Ordinal).ShouldBe(expected);
        signals.Single(x => x.Signal.Value == Pdq(1)).Label.ShouldBe("relabelled");
        signals.Single(x => x.Signal.Value == Pdq(24)).Label.ShouldBe("even");
        signals.Single(x => x.Signal.Value == Pdq(25)).Label.ShouldBeNull();
        foreach ((BankSignal signal, string? label) in signals)
        {
            SignalHit hit = (await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, signal.Value, Ct))).ShouldHaveSingleItem();
            BankContentRecord content = (await ReadAsync(s => s.Exchange().GetContentAsync(hit.ContentId, Ct))).ShouldNotBeNull();
            content.SourceKey.ShouldBe(signal.Value == Pdq(22) ? "stopncii:9" : "pdq:" + signal.Value);
            content.Signals.ShouldHaveSingleItem().Id.ShouldBe(signal.Id);
            hit.Label.ShouldBe(label);
        }

        // The new hash keys went in as key signals (the bulk path); only the other key has a signal row.
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_content WHERE key_kind IS NOT NULL")).ShouldBe(1 + 18 + 16);
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_signals")).ShouldBe(1);

        // The change sequence folds to the live signals (an imported hash withdrawn later leaves only its removal).
        var live = new Dictionary<long, string>();
        foreach (BankChange change in await ReadAsync(s => s.ReadBankChangesAsync(0, 1000, Ct)))
        {
            if (change.Added)
            {
                live.Add(change.EntryId, change.Value);
            }
            else
            {
                live.Remove(change.EntryId).ShouldBe(change.Value != Pdq(2));
            }
        }

        live.Values.Order(StringComparer.Ordinal).ShouldBe(expected);
    }
}
