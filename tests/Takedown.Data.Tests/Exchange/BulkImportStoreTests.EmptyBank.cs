using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data.Tests.Exchange;

/// <summary>
/// An import into an empty bank (PostgreSQL: ids reserved from the sequences, content, signals and changes copied
/// straight in): every signal points at its own content row, the change rows follow the signal ids, and writes before
/// and after draw ids around the import's ranges without a collision.
/// </summary>
public abstract partial class BulkImportStoreTests
{
    [Fact]
    public async Task Import_EmptyBankBetweenOtherWrites_SignalsLinkTheirOwnContentAndChangesFollowSignalOrder()
    {
        HashBankRecord other = await WriteAsync(s => s.Exchange().CreateBankAsync("OTHER", 1, s_t0, Ct));
        BankContentRecord before = await WriteAsync(s => s.Exchange().AddContentAsync(other, [(HashKind.Pdq, Pdq(5000))], "before", null, null, s_t0, Ct));
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("EMPTY", 1, s_t0, Ct));
        string vpdq = Pdq(4242) + ",100.000,frame:1";
        List<HashListEntry> entries = [.. Enumerable.Range(1, 70).Select(i => Entry(i * 7, i % 3 == 0 ? "third" : null))];
        entries.Add(new HashListEntry(HashKind.Md5, new string('c', 32), "m", null));
        entries.Add(new HashListEntry(HashKind.Vpdq, vpdq, null, null));

        (int Added, int Updated) result = await WriteAsync(s => s.Exchange().ImportAsync(bank, entries, s_t0, Ct));
        BankContentRecord after = await WriteAsync(s => s.Exchange().AddContentAsync(bank, [(HashKind.Pdq, Pdq(9000))], "after", null, null, s_t0, Ct));

        result.ShouldBe((72, 0));
        List<(BankSignal Signal, string? Label)> signals = await SignalsAsync(bank.Id);
        signals.Count.ShouldBe(73);
        signals.Max(x => x.Signal.Id).ShouldBe(after.Signals.Single().Id);
        signals.ShouldAllBe(x => x.Signal.Id > before.Signals.Single().Id);
        signals.Single(x => x.Signal.Kind == HashKind.Vpdq).Signal.Value.ShouldBe(vpdq);
        signals.Single(x => x.Signal.Kind == HashKind.Md5).Label.ShouldBe("m");
        foreach ((BankSignal signal, string? label) in signals)
        {
            SignalHit hit = (await ReadAsync(s => s.Exchange().FindSignalsAsync(signal.Kind, signal.Value, Ct))).Single();
            hit.SignalId.ShouldBe(signal.Id);
            hit.Label.ShouldBe(label);
            BankContentRecord content = (await ReadAsync(s => s.Exchange().GetContentAsync(hit.ContentId, Ct))).ShouldNotBeNull();
            content.BankId.ShouldBe(bank.Id);
            if (signal.Id != after.Signals.Single().Id)
            {
                content.SourceKey.ShouldBe(SignalTypes.ShortName(signal.Kind) + ":" + signal.Value);
            }

            content.Signals.Single().Id.ShouldBe(signal.Id);
        }

        // One addition per signal of the bank, in signal id order, numbered after the earlier write's change.
        IReadOnlyList<BankChange> changes = await ReadAsync(s => s.ReadBankChangesAsync(0, 1000, Ct));
        changes.Select(c => c.Sequence).ShouldBeUnique();
        List<BankChange> ours = [.. changes.Where(c => c.CaseNumber == "bank:EMPTY").OrderBy(c => c.Sequence)];
        ours.Select(c => -c.EntryId).ShouldBe(signals.Select(x => x.Signal.Id).Order());
        ours.Select(c => (c.Kind, c.Value)).ShouldBe(signals.OrderBy(x => x.Signal.Id).Select(x => (x.Signal.Kind, x.Signal.Value)));
        ours[0].Sequence.ShouldBeGreaterThan(changes.Single(c => c.CaseNumber == "bank:OTHER").Sequence);
    }
}
