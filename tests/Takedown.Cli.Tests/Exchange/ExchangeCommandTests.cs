using System.Globalization;
using Takedown.Server.Tests.Exchange;

namespace Takedown.Cli.Tests.Exchange;

/// <summary>
/// <c>takedown exchange add|list|sync|remove</c> and <c>takedown bank import|export</c>, in-process against a temporary
/// SQLite database and the StopNCII-style partner test server (<see cref="FakeStopNcii"/>, shared with the service tests).
/// </summary>
public sealed class ExchangeCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "takedown-cli-exchange", Guid.NewGuid().ToString("N"));

    public ExchangeCommandTests()
    {
        Directory.CreateDirectory(_root);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Db => Path.Combine(_root, "takedown.db");

    private static string Pdq(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int exit = await TakedownCli.RunAsync([.. args, "--db", Db], output, error, Ct);
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<List<string>> ExportedHashesAsync(string bank)
    {
        (int exit, string output, string error) = await RunAsync("bank", "export", bank, "--format", "csv");
        exit.ShouldBe(0, error);
        string[] lines = Lines(output);
        lines[0].ShouldBe("signal_type,signal_value,label");
        return lines.Skip(1).Select(l => l.Split(',')[1]).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Exchange_AddListSyncRemove_BankFollowsThePartnerLiveSet()
    {
        // Given a partner with three live hashes and a withdrawn one
        await using FakeStopNcii partner = await FakeStopNcii.StartAsync(Ct);
        for (int i = 1; i <= 3; i++)
        {
            partner.Put("ImagePDQ", Pdq(i), "Active");
        }

        partner.Put("ImagePDQ", Pdq(4), "Withdrawn");
        string config = Path.Combine(_root, "partner.json");
        await File.WriteAllTextAsync(config, FakeStopNcii.Config(partner.BaseAddress, pageSize: 2), Ct);

        // When the exchange is added, listed, synced
        (int addExit, string added, string addError) = await RunAsync("exchange", "add", "STOP_NCII", "--type", "stop_ncii", "--config-file", config);
        (int _, string before, string _) = await RunAsync("exchange", "list");
        (int syncExit, string synced, string syncError) = await RunAsync("exchange", "sync", "STOP_NCII");
        (int _, string after, string _) = await RunAsync("exchange", "list");

        // Then
        addExit.ShouldBe(0, addError);
        added.Trim().ShouldBe("added exchange STOP_NCII (stop_ncii)");
        Lines(before).ShouldHaveSingleItem().ShouldBe("STOP_NCII,stop_ncii,enabled,never,behind,0,");
        syncExit.ShouldBe(0, syncError);
        string[] result = Lines(synced).ShouldHaveSingleItem().Split(',');
        (result[0], result[2], result[3], result[4]).ShouldBe(("STOP_NCII", "3", "0", "ok"));
        string[] listed = Lines(after).ShouldHaveSingleItem().Split(',');
        listed[3].ShouldNotBe("never");
        listed[4].ShouldBe("up-to-date");
        (await ExportedHashesAsync("STOP_NCII")).ShouldBe(partner.LiveHashes());

        // When the victim withdraws one hash at the source and the exchange syncs again
        partner.Put("ImagePDQ", Pdq(2), "Withdrawn");
        (int againExit, string again, string _) = await RunAsync("exchange", "sync");

        // Then one sync removes it from the bank
        againExit.ShouldBe(0);
        Lines(again).ShouldHaveSingleItem().Split(',')[3].ShouldBe("1");
        (await ExportedHashesAsync("STOP_NCII")).ShouldBe(new[] { Pdq(1), Pdq(3) }.Order(StringComparer.Ordinal).ToList());

        // When the exchange is removed (twice)
        (int removeExit, string removed, string _) = await RunAsync("exchange", "remove", "STOP_NCII");
        (int secondExit, string _, string secondError) = await RunAsync("exchange", "remove", "STOP_NCII");
        (int _, string empty, string _) = await RunAsync("exchange", "list");
        (int exportExit, string _, string exportError) = await RunAsync("bank", "export", "STOP_NCII");

        // Then its bank is gone; the second removal says so
        removeExit.ShouldBe(0);
        removed.Trim().ShouldBe("removed exchange STOP_NCII");
        secondExit.ShouldBe(1);
        secondError.Trim().ShouldBe("no exchange named STOP_NCII");
        empty.ShouldBeEmpty();
        exportExit.ShouldBe(1);
        exportError.ShouldContain("STOP_NCII");
    }

    [Fact]
    public async Task Exchange_AddUnknownTypeOrBadName_ExitsOneWithTheReason()
    {
        (int typeExit, string _, string typeError) = await RunAsync("exchange", "add", "PARTNER", "--type", "carrier_pigeon", "--config", "{}");
        (int nameExit, string _, string nameError) = await RunAsync("exchange", "add", "bad name", "--type", "stop_ncii", "--config", "{}");
        (int _, string listed, string _) = await RunAsync("exchange", "list");

        (int bothExit, string _, string bothError) = await RunAsync("exchange", "add", "PARTNER", "--type", "stop_ncii");

        typeExit.ShouldBe(1);
        typeError.ShouldContain("carrier_pigeon");
        nameExit.ShouldBe(1);
        nameError.ShouldContain("A-Z, 0-9 and _");
        bothExit.ShouldNotBe(0);
        bothError.ShouldContain("exactly one of --config or --config-file");
        listed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bank_ImportExportReimport_RoundTripsAndABadLineImportsNothing()
    {
        // Given a ThreatExchange/HMA CSV list with three kinds of hashes
        string md5 = new('a', 32), sha = new('b', 64);
        string list = Path.Combine(_root, "list.csv");
        await File.WriteAllTextAsync(list, $"signal_type,signal_value,label\npdq,{Pdq(1)},first\nvideo_md5,{md5},\nsha256,{sha},third\n", Ct);

        // When it is imported, then imported again with a label changed
        (int importExit, string imported, string importError) = await RunAsync("bank", "import", "LIST", list);
        await File.WriteAllTextAsync(list, $"signal_type,signal_value,label\npdq,{Pdq(1)},changed\nvideo_md5,{md5},\nsha256,{sha},third\n", Ct);
        (int _, string reimported, string _) = await RunAsync("bank", "import", "LIST", list);

        // Then
        importExit.ShouldBe(0, importError);
        imported.ShouldStartWith("imported 3 new hashes, 0 labels updated");
        reimported.ShouldStartWith("imported 0 new hashes, 1 labels updated");

        // When it is exported to a file and that file imported into another bank
        string exported = Path.Combine(_root, "exported.csv");
        (int exportExit, string exportMessage, string _) = await RunAsync("bank", "export", "LIST", exported);
        (int _, string copied, string _) = await RunAsync("bank", "import", "COPY", exported);

        // Then the copy holds the same hashes and labels
        exportExit.ShouldBe(0);
        exportMessage.Trim().ShouldBe($"exported 3 hashes to {exported}");
        string[] rows = Lines(await File.ReadAllTextAsync(exported, Ct));
        rows.Skip(1).Order(StringComparer.Ordinal).ShouldBe(new[] { $"pdq,{Pdq(1)},changed", $"video_md5,{md5},", $"video_sha256,{sha},third" }.Order(StringComparer.Ordinal));
        copied.ShouldStartWith("imported 3 new hashes");
        (await ExportedHashesAsync("COPY")).ShouldBe(await ExportedHashesAsync("LIST"));

        // When a list with a hash of the wrong length on its third line is imported
        string bad = Path.Combine(_root, "bad.csv");
        await File.WriteAllTextAsync(bad, $"signal_type,signal_value,label\npdq,{Pdq(7)},new\npdq,abc,broken\n", Ct);
        (int badExit, string _, string badError) = await RunAsync("bank", "import", "LIST", bad);

        // Then it fails naming the line, and nothing of it was imported
        badExit.ShouldBe(1);
        badError.ShouldContain("line 3");
        (await ExportedHashesAsync("LIST")).ShouldNotContain(Pdq(7));
        (await ExportedHashesAsync("LIST")).Count.ShouldBe(3);
    }
}
