using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data.Tests.Exchange;

/// <summary>
/// Migration 0010 (change ranges): a bulk import appends one range row to the change sequence instead of one row per
/// hash, and <see cref="ITakedownSession.ReadBankChangesAsync"/> expands it into the same single changes, with the same
/// sequence numbers, on every page size and from every starting point.
/// </summary>
public abstract partial class CompactSignalsStoreTests
{
    [Fact]
    public async Task Migrate0010_SingleChangesWrittenBefore_ReadAsBeforeAndImportAppendsOneRangeRow()
    {
        await Store.MigrateAsync(9, Ct);
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("OLD", 1, s_t0, Ct));
        BankContentRecord curated = await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Pdq, s_p1), (HashKind.Vpdq, Vpdq)], "c", null, null, s_t0, Ct));

        (await Store.MigrateAsync(Ct)).ShouldBe([10, 11]);

        (await ReadAsync(s => s.ReadBankChangesAsync(0, 100, Ct))).Select(c => (c.Sequence, c.EntryId, c.Added, c.Kind, c.Value, c.CaseNumber)).ShouldBe([
            (1L, -curated.Signals[0].Id, true, HashKind.Pdq, s_p1, "bank:OLD"), (2L, -curated.Signals[1].Id, true, HashKind.Vpdq, Vpdq, "bank:OLD")]);
        (int added, _) = await WriteAsync(s => s.Exchange().ImportAsync(bank,
            [new HashListEntry(HashKind.Pdq, s_p3, null, null), new HashListEntry(HashKind.Md5, s_m1, "m", null), new HashListEntry(HashKind.Pdq, s_p2, null, null)], s_t0, Ct));
        added.ShouldBe(3);
        await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Sha256, s_s1)], "after", null, null, s_t0, Ct));

        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_changes")).ShouldBe(4);
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_changes WHERE span = 3 AND kind = 'range' AND value IS NULL AND hash IS NULL")).ShouldBe(1);
        Dictionary<string, long> signalIds = (await ReadAsync(s => s.Exchange().ListBankSignalsAsync(bank.Id, 0, 100, Ct))).ToDictionary(x => x.Signal.Value, x => x.Signal.Id);
        (await ReadAsync(s => s.ReadBankChangesAsync(0, 100, Ct))).Select(c => (c.Sequence, c.EntryId, c.Added, c.Kind, c.Value, c.CaseNumber)).ShouldBe([
            (1L, -curated.Signals[0].Id, true, HashKind.Pdq, s_p1, "bank:OLD"), (2L, -curated.Signals[1].Id, true, HashKind.Vpdq, Vpdq, "bank:OLD"),
            (3L, -signalIds[s_m1], true, HashKind.Md5, s_m1, "bank:OLD"), (4L, -signalIds[s_p2], true, HashKind.Pdq, s_p2, "bank:OLD"),
            (5L, -signalIds[s_p3], true, HashKind.Pdq, s_p3, "bank:OLD"), (6L, -signalIds[s_s1], true, HashKind.Sha256, s_s1, "bank:OLD")]);
    }

    [Fact]
    public async Task ReadBankChanges_RangesWithDeletedSignals_EveryPageSizeAndStartReadsTheSameSequence()
    {
        await Store.MigrateAsync(Ct);
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("LIST", 1, s_t0, Ct));
        await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Pdq, s_p1)], "first", null, null, s_t0, Ct));

        // Into a bank with content (the upsert path), twice; then one signal of the first range and every signal of the
        // second deleted (their additions drop out of the ranges, their removals are single rows), then one more change.
        string[] first = [.. Enumerable.Range(2000, 12).Select(i => Hex(32, i))];
        string[] second = [.. Enumerable.Range(3000, 3).Select(i => Hex(32, i))];
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [.. first.Select(h => new HashListEntry(HashKind.Pdq, h, null, null))], s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [.. second.Select(h => new HashListEntry(HashKind.Pdq, h, null, null))], s_t0, Ct));
        await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank,
            [new ExchangeRecord("pdq:" + first[5], HashKind.Pdq, first[5], null, Deleted: true), .. second.Select(h => new ExchangeRecord("pdq:" + h, HashKind.Pdq, h, null, Deleted: true))],
            s_t0, Ct));
        await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Md5, s_m1)], "last", null, null, s_t0, Ct));
        (await ScalarSqlAsync("SELECT COUNT(*) FROM bank_changes WHERE span IS NOT NULL")).ShouldBe(2);

        // Imported signals take their content's id (no content_id index entry); reading and deleting by content finds them.
        foreach (string hash in first.Where(h => h != first[5]))
        {
            SignalHit hit = (await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, hash, Ct))).Single();
            hit.SignalId.ShouldBe(hit.ContentId);
            (await ReadAsync(s => s.Exchange().GetContentAsync(hit.ContentId, Ct)))!.Signals.Select(x => x.Id).ShouldBe([hit.SignalId]);
        }

        List<BankChange> all = [.. await ReadAsync(s => s.ReadBankChangesAsync(0, 1000, Ct))];
        all.Count.ShouldBe(1 + 11 + 4 + 1);
        all.Select(c => c.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        all.Select(c => c.Sequence).Distinct().Count().ShouldBe(all.Count);
        all.Where(c => c.Added).Select(c => c.Value).ShouldBe([s_p1, .. first.Order(StringComparer.Ordinal).Where(h => h != first[5]), s_m1]);
        all.Where(c => !c.Added).Select(c => c.Value).Order(StringComparer.Ordinal).ShouldBe(second.Prepend(first[5]).Order(StringComparer.Ordinal));
        all.Where(c => c.Added).Select(c => -c.EntryId).ShouldBe(
            (await ReadAsync(s => s.Exchange().ListBankSignalsAsync(bank.Id, 0, 1000, Ct))).Select(x => x.Signal.Id));

        // As every consumer reads it: pages of `limit` until a short page.
        foreach (int limit in new[] { 1, 2, 3, 5 })
        {
            foreach (long start in all.Select(c => c.Sequence).Prepend(0))
            {
                var paged = new List<BankChange>();
                for (long after = start; ;)
                {
                    IReadOnlyList<BankChange> page = await ReadAsync(s => s.ReadBankChangesAsync(after, limit, Ct));
                    page.Count.ShouldBeLessThanOrEqualTo(limit);
                    paged.AddRange(page);
                    if (page.Count < limit)
                    {
                        break;
                    }

                    after = page[^1].Sequence;
                }

                paged.ShouldBe(all.Where(c => c.Sequence > start), $"limit {limit}, after {start}");
            }
        }
    }
}
