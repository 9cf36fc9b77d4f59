using System.Data.Common;
using Takedown.Core.Exchange.Files;
using Takedown.Data.Records;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Exchange;

/// <summary>The key-sorted import at sizes of many statement batches, over existing content, and failing in the database.</summary>
public abstract partial class BulkImportStoreTests
{
    /// <summary>Distinct keys of the large list: many content batches and a short tail batch.</summary>
    private static readonly int s_largeKeys = (SqlSession.StageBatchRows * 40) + 13;

    [Fact]
    public async Task Import_LargeShuffledListWithDuplicatesOverExistingContent_UpsertsLastLabelsAndEveryNewHashReachesTheChanges()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("LARGE", 1, s_t0, Ct));
        HashBankRecord other = await WriteAsync(s => s.Exchange().CreateBankAsync("OTHER", 1, s_t0, Ct));

        // Before: every fifth key is already in the bank labelled "old"; key 0 is also in another bank.
        HashListEntry[] existing = [.. Enumerable.Range(0, s_largeKeys).Where(i => i % 5 == 0).Select(i => Entry(i, "old"))];
        await WriteAsync(s => s.Exchange().ImportAsync(bank, existing, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(other, [Entry(0, "elsewhere")], s_t0, Ct));

        // The list: each key one to three times in shuffled order; the last line of a key decides its label, and
        // for every tenth key that is "old" again (no change).
        var random = new Random(5);
        var lines = new List<(int Key, string? Label)>();
        for (int i = 0; i < s_largeKeys; i++)
        {
            int copies = 1 + random.Next(3);
            for (int c = 0; c < copies; c++)
            {
                lines.Add((i, "v" + c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines));
        var lastLine = new Dictionary<int, int>();
        for (int n = 0; n < lines.Count; n++)
        {
            lastLine[lines[n].Key] = n;
        }

        var last = new Dictionary<int, string?>();
        for (int n = 0; n < lines.Count; n++)
        {
            if (lastLine[lines[n].Key] == n)
            {
                last[lines[n].Key] = lines[n].Key % 10 == 0 ? "old" : (lines[n].Key % 7 == 0 ? null : lines[n].Label);
                lines[n] = (lines[n].Key, last[lines[n].Key]);
            }
        }

        (int Added, int Updated) result = await WriteAsync(s => s.Exchange().ImportAsync(bank, lines.Select(l => Entry(l.Key, l.Label)), s_t0.AddMinutes(1), Ct));

        int existingCount = existing.Length;
        int unchanged = Enumerable.Range(0, s_largeKeys).Count(i => i % 10 == 0);
        result.ShouldBe((s_largeKeys - existingCount, existingCount - unchanged));
        List<(BankSignal Signal, string? Label)> signals = await SignalsAsync(bank.Id);
        signals.Count.ShouldBe(s_largeKeys);
        signals.Select(x => (x.Signal.Value, x.Label)).OrderBy(x => x.Value, StringComparer.Ordinal)
            .ShouldBe(last.OrderBy(x => x.Key).Select(x => (Pdq(x.Key), x.Value)));
        (await SignalsAsync(other.Id)).Single().Label.ShouldBe("elsewhere");

        // Exactly one addition per signal of either bank: no hash missing from what every node's index follows.
        IReadOnlyList<BankChange> changes = await ReadAsync(s => s.ReadBankChangesAsync(0, 100_000, Ct));
        changes.Count.ShouldBe(s_largeKeys + 1);
        changes.Where(c => c.CaseNumber == "bank:LARGE").Select(c => (-c.EntryId, c.Value)).Order()
            .ShouldBe(signals.Select(x => (x.Signal.Id, x.Signal.Value)).Order());
    }

    [Fact]
    public async Task Import_DatabaseRefusesARowHalfWay_NothingOfTheListIsKeptAndTheNextImportWorks()
    {
        HashBankRecord bank = await WriteAsync(s => s.Exchange().CreateBankAsync("HALF", 1, s_t0, Ct));
        await WriteAsync(s => s.Exchange().ImportAsync(bank, [Entry(1, "kept")], s_t0, Ct));

        // The refused key sorts after many full statement batches of the list.
        int refused = s_largeKeys / 2;
        await RefuseContentKeyAsync("pdq:" + Pdq(refused));
        HashListEntry[] list = [.. Enumerable.Range(1, s_largeKeys).Select(i => Entry(i, "new"))];

        await Should.ThrowAsync<DbException>(() => WriteAsync(s => s.Exchange().ImportAsync(bank, list, s_t0, Ct)));

        (await SignalsAsync(bank.Id)).Select(x => (x.Signal.Value, x.Label)).ShouldBe([(Pdq(1), "kept")]);
        (await ReadAsync(s => s.ReadBankChangesAsync(0, 100_000, Ct))).Count.ShouldBe(1);
        (int, int) next = await WriteAsync(s => s.Exchange().ImportAsync(bank, [Entry(2, null), Entry(refused + 1, null)], s_t0, Ct));
        next.ShouldBe((2, 0));
    }
}
