using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data.Tests.Exchange;

/// <summary>
/// Key signals (migration 0011): an imported hash key is its content row's one signal, with no <c>bank_signals</c> row.
/// Every reader sees them exactly as signal rows: pages, counts, lookups, content, changes; and every writer that
/// replaces, disables or deletes them emits the same changes as for signal rows.
/// </summary>
public abstract partial class BulkImportStoreTests
{
    [Fact]
    public async Task KeySignals_MixedWithSignalRowsAndAnotherBank_EveryPageSizeListsTheSameSignalsInIdOrder()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("MIXED", 1, s_t0, Ct));
        HashBankRecord other = await WriteAsync(s => s.Exchange().CreateBankAsync("OTHER", 1, s_t0, Ct));
        string vpdq = Pdq(77) + ",100.000,frame:1";
        await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Pdq, Pdq(900)), (HashKind.Vpdq, vpdq)], "curated", null, null, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(other, [.. Enumerable.Range(1, 9).Select(i => Entry(5000 + i, null))], s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [.. Enumerable.Range(1, 11).Select(i => Entry(i, "first")), new HashListEntry(HashKind.Vpdq, Pdq(78) + ",90.000,frame:2", null, null)], s_t0, Ct));
        await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Md5, new string('a', 32))], "later", null, null, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [.. Enumerable.Range(6, 10).Select(i => Entry(i, "second"))], s_t0, Ct));

        List<(BankSignal Signal, string? Label)> all = await SignalsAsync(bank.Id);
        all.Count.ShouldBe(2 + 11 + 1 + 1 + 4);
        all.Select(x => x.Signal.Id).ShouldBe(all.Select(x => x.Signal.Id).Order());
        all.Where(x => x.Signal.Kind == HashKind.Pdq && x.Label == "second").Count().ShouldBe(10);
        foreach (int pageSize in new[] { 1, 2, 7 })
        {
            var paged = new List<(BankSignal Signal, string? Label)>();
            long after = 0;
            while (true)
            {
                IReadOnlyList<(BankSignal Signal, string? Label)> page = await ReadAsync(s => s.Exchange().ListBankSignalsAsync(bank.Id, after, pageSize, Ct));
                page.Count.ShouldBeLessThanOrEqualTo(pageSize);
                paged.AddRange(page);
                if (page.Count < pageSize)
                {
                    break;
                }

                after = page[^1].Signal.Id;
            }

            paged.ShouldBe(all);
        }

        (await ReadAsync(s => s.Exchange().CountSignalsAsync(bank.Id, Ct))).ShouldBe(all.Count);
        (await ReadAsync(s => s.Exchange().CountSignalsAsync(other.Id, Ct))).ShouldBe(9);
        IReadOnlyDictionary<HashKind, long> byKind = await ReadAsync(s => s.Exchange().CountSignalsByKindAsync(Ct));
        byKind[HashKind.Pdq].ShouldBe(1 + 15 + 9);
        byKind[HashKind.Vpdq].ShouldBe(2);
        byKind[HashKind.Md5].ShouldBe(1);

        // Lookups by id see key signals and signal rows alike, with their content's bank and label.
        IReadOnlyList<SignalHit> hits = await ReadAsync(s => s.Exchange().GetSignalsAsync([.. all.Select(x => x.Signal.Id)], Ct));
        hits.OrderBy(h => h.SignalId).Select(h => (h.SignalId, h.Kind, h.Value, h.Label, h.BankName))
            .ShouldBe(all.Select(x => (x.Signal.Id, x.Signal.Kind, x.Signal.Value, x.Label, "MIXED")));
    }

    [Fact]
    public async Task KeySignals_ReplacedDisabledAndDeleted_ChangesFoldToTheLiveSignals()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("FEED", 1, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [.. Enumerable.Range(1, 6).Select(i => Entry(i, null))], s_t0, Ct));
        SignalHit Single(IReadOnlyList<SignalHit> found) => found.ShouldHaveSingleItem();
        SignalHit two = Single(await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Pdq(2), Ct)));
        SignalHit three = Single(await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Pdq(3), Ct)));
        SignalHit four = Single(await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Pdq(4), Ct)));
        two.SignalId.ShouldBe(two.ContentId);

        // An exchange record for the imported key with another value: the content keeps its row and key, and its one
        // signal is now a signal row with the new value (the key no longer is the signal).
        await WriteAsync(s => s.Exchange().ApplyRecordsAsync(bank, [new ExchangeRecord("pdq:" + Pdq(2), HashKind.Pdq, Pdq(200), "moved", false)], s_t0, Ct));
        await WriteAsync(s => s.Exchange().UpdateContentAsync(three.ContentId, 0, "paused", s_t0, Ct));
        (await WriteAsync(s => s.Exchange().DeleteContentAsync(four.ContentId, s_t0, Ct))).ShouldBe(1);

        (await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Pdq(2), Ct))).ShouldBeEmpty();
        SignalHit moved = Single(await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Pdq(200), Ct)));
        moved.ContentId.ShouldBe(two.ContentId);
        moved.SignalId.ShouldNotBe(two.SignalId);
        moved.Label.ShouldBe("moved");
        BankContentRecord content = (await ReadAsync(s => s.Exchange().GetContentAsync(two.ContentId, Ct))).ShouldNotBeNull();
        content.SourceKey.ShouldBe("pdq:" + Pdq(2));
        content.Signals.ShouldHaveSingleItem().Value.ShouldBe(Pdq(200));
        (await ReadAsync(s => s.Exchange().FindSignalsAsync(HashKind.Pdq, Pdq(4), Ct))).ShouldBeEmpty();
        (await ReadAsync(s => s.Exchange().GetContentAsync(three.ContentId, Ct))).ShouldNotBeNull().Signals.ShouldHaveSingleItem().Id.ShouldBe(three.SignalId);

        // The change sequence folds to the enabled signals: 1, 5, 6 imported, 200 in place of 2; 3 disabled, 4 deleted.
        var live = new Dictionary<long, string>();
        foreach (BankChange change in await ReadAsync(s => s.ReadBankChangesAsync(0, 1000, Ct)))
        {
            if (change.Added)
            {
                live.Add(change.EntryId, change.Value);
            }
            else
            {
                // A key signal replaced or deleted later is no longer in its import's range: only its removal is left
                // (migration 0010's rule for deleted signal rows); every other removal follows its addition.
                live.Remove(change.EntryId).ShouldBe(change.EntryId != -two.SignalId && change.EntryId != -four.SignalId);
            }
        }

        live.Values.Order().ShouldBe(new[] { Pdq(1), Pdq(5), Pdq(6), Pdq(200) }.Order());

        // Deleting the bank removes the rest, key signals included.
        (await WriteAsync(s => s.Exchange().DeleteBankAsync("FEED", s_t0, Ct))).ShouldBeTrue();
        foreach (BankChange change in (await ReadAsync(s => s.ReadBankChangesAsync(0, 1000, Ct))).Where(c => !c.Added))
        {
            live.Remove(change.EntryId);
        }

        live.ShouldBeEmpty();
        (await ReadAsync(s => s.Exchange().CountSignalsByKindAsync(Ct))).Values.Sum().ShouldBe(0);
    }
}
