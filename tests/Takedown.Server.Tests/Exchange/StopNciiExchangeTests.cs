using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Takedown.Core.Exchange;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Exchange;

namespace Takedown.Server.Tests.Exchange;

public sealed class StopNciiExchangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Independent random-looking hashes: unrelated PDQ hashes sit near distance 128, far from any threshold.
    internal static string Pdq(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    private static string Md5(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(-i)))[..32];

    private static async Task<List<string>> BankHashesAsync(ExchangeHost host, string bank)
    {
        await using ITakedownSession session = await host.Store.BeginAsync(write: false, Ct);
        HashBankRecord b = (await session.Exchange().GetBankAsync(bank, Ct))!;
        return (await session.Exchange().ListBankSignalsAsync(b.Id, 0, 100_000, Ct)).Select(s => s.Signal.Value).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task AddExchangeAsync(ExchangeHost host, FakeStopNcii partner, int pageSize)
    {
        using HttpClient admin = host.WithKey(host.AdminKey);
        HttpResponseMessage added = await admin.PostAsJsonAsync("api/v1/exchanges",
            new { name = "STOP_NCII", type = "stop_ncii", config = JsonDocument.Parse(FakeStopNcii.Config(partner.BaseAddress, pageSize)).RootElement }, Ct);
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Ct));
        (await added.Content.ReadAsStringAsync(Ct)).ShouldNotContain(FakeStopNcii.FetchKey);
    }

    private static async Task<ExchangeSyncResult> SyncAsync(ExchangeHost host)
    {
        using HttpClient admin = host.WithKey(host.AdminKey);
        HttpResponseMessage response = await admin.PostAsync("api/v1/exchanges/STOP_NCII/sync", null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ExchangeSyncResult>(Ct))!;
    }

    [Fact]
    public async Task Sync_PagedFeedWithWithdrawnAndDeletedRecords_BankEqualsSourceLiveSet()
    {
        // Given a partner with active, withdrawn, deleted, partly withdrawn and unsupported records
        await using FakeStopNcii partner = await FakeStopNcii.StartAsync(Ct);
        for (int i = 1; i <= 6; i++)
        {
            partner.Put("ImagePDQ", Pdq(i), "Active");
        }

        partner.Put("VideoMD5", Md5(1), "Active");
        partner.Put("ImagePDQ", Pdq(7), "Withdrawn");
        partner.Put("ImagePDQ", Pdq(8), "Deleted");
        partner.Put("ImagePDQ", Pdq(9), "Active", new Dictionary<string, string> { ["c1"] = "Withdrawn", ["c2"] = "Deleted" });
        partner.Put("ImagePDQ", Pdq(10), "Active", new Dictionary<string, string> { ["c1"] = "Withdrawn", ["c2"] = "Active" });
        partner.Put("VideoTMK", "abc", "Active");
        partner.Put("ImagePDQ", Pdq(2), "Withdrawn");
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        await AddExchangeAsync(host, partner, pageSize: 3);

        // When
        ExchangeSyncResult result = await SyncAsync(host);

        // Then
        result.Error.ShouldBeNull();
        result.UpToDate.ShouldBeTrue();
        result.Pages.ShouldBe(4);
        (await BankHashesAsync(host, "STOP_NCII")).ShouldBe(partner.LiveHashes());
        using HttpClient gate = host.WithKey(host.CheckKey);
        (await CheckClient.DecisionAsync(gate, pdq: Pdq(1), cancellationToken: Ct)).ShouldBe("block");
        (await CheckClient.DecisionAsync(gate, md5: Md5(1), cancellationToken: Ct)).ShouldBe("block");
        (await CheckClient.DecisionAsync(gate, pdq: Pdq(7), cancellationToken: Ct)).ShouldBe("allow");
        (await CheckClient.DecisionAsync(gate, pdq: Pdq(2), cancellationToken: Ct)).ShouldBe("allow");
    }

    [Fact]
    public async Task Sync_WithdrawalAtSource_StopsMatchingWithinOneSync()
    {
        await using FakeStopNcii partner = await FakeStopNcii.StartAsync(Ct);
        partner.Put("ImagePDQ", Pdq(1), "Active");
        partner.Put("ImagePDQ", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "Active");
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        await AddExchangeAsync(host, partner, pageSize: 800);
        await SyncAsync(host);
        using HttpClient gate = host.WithKey(host.CheckKey);
        (await CheckClient.DecisionAsync(gate, pdq: "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", cancellationToken: Ct)).ShouldBe("block");

        // When the victim withdraws at the source and one sync runs
        partner.Put("ImagePDQ", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "Withdrawn");
        ExchangeSyncResult result = await SyncAsync(host);

        // Then the hash no longer matches; the other still does
        result.Deleted.ShouldBe(1);
        (await CheckClient.DecisionAsync(gate, pdq: "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", cancellationToken: Ct)).ShouldBe("allow");
        (await BankHashesAsync(host, "STOP_NCII")).ShouldBe(partner.LiveHashes());
    }

    [Fact]
    public async Task Sync_FailureMidFetch_ResumesFromCheckpointWithoutLossOrDuplicates()
    {
        // Given 10 records in pages of 3, and the partner failing every retry of the second page
        await using FakeStopNcii partner = await FakeStopNcii.StartAsync(Ct);
        for (int i = 1; i <= 10; i++)
        {
            partner.Put("ImagePDQ", Pdq(i), "Active");
        }

        partner.FailMidSetCalls = 4;
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        await AddExchangeAsync(host, partner, pageSize: 3);

        // When the first sync breaks mid-fetch
        ExchangeSyncResult broken = await SyncAsync(host);

        // Then the first page is kept and the checkpoint points at the second
        broken.Failed.ShouldBeTrue();
        broken.Error!.ShouldContain("HTTP 500");
        broken.Pages.ShouldBe(1);
        (await BankHashesAsync(host, "STOP_NCII")).Count.ShouldBe(3);
        ExchangeConfigRecord stored = (await host.Get<ExchangeService>().GetAsync("STOP_NCII", Ct))!;
        stored.Checkpoint.ShouldBe("{\"start\":10,\"token\":\"3\"}");
        stored.LastError.ShouldNotBeNull();

        // When the next sync runs
        partner.Put("ImagePDQ", Pdq(11), "Active");
        ExchangeSyncResult resumed = await SyncAsync(host);

        // Then it continues at the second page; everything arrives once
        resumed.Error.ShouldBeNull();
        List<string> hashes = await BankHashesAsync(host, "STOP_NCII");
        hashes.ShouldBe(partner.LiveHashes());
        hashes.Distinct().Count().ShouldBe(11);
    }

    [Fact]
    public async Task Outcomes_ForMatchedImportedHashes_AreReportedAsFeedback()
    {
        await using FakeStopNcii partner = await FakeStopNcii.StartAsync(Ct);
        partner.Put("ImagePDQ", Pdq(1), "Active");
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        await AddExchangeAsync(host, partner, pageSize: 800);
        await SyncAsync(host);

        // When a lookup finds the imported hash and the reviewer blocks the content
        using HttpClient gate = host.WithKey(host.CheckKey);
        using JsonDocument lookup = JsonDocument.Parse(await gate.GetStringAsync($"m/lookup?signal_type=pdq&signal={Pdq(1)}", Ct));
        long contentId = lookup.RootElement.GetProperty("STOP_NCII")[0].GetProperty("bank_content_id").GetInt64();
        (await OutcomesEventuallyAsync(host, 1)).Single().ContentRef.ShouldBe(OutcomeRecorder.LookupSource);
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        (await moderator.PostAsJsonAsync("api/v1/exchange/outcomes", new { bankContentIds = new[] { contentId }, contentId = "upload-77", outcome = "pending_review" }, Ct)).EnsureSuccessStatusCode();
        (await moderator.PostAsJsonAsync("api/v1/exchange/outcomes", new { bankContentIds = new[] { contentId }, contentId = "upload-77", outcome = "blocked" }, Ct)).EnsureSuccessStatusCode();
        await SyncAsync(host);

        // Then the partner received PendingReview and Blocked for the hash, once
        partner.Feedback.ShouldHaveSingleItem();
        JsonElement feedback = JsonDocument.Parse(partner.Feedback[0].ToJsonString()).RootElement;
        feedback.GetProperty("count").GetInt32().ShouldBe(2);
        feedback.GetProperty("hashFeedbacks").EnumerateArray().Select(f => f.GetProperty("feedbackValue").GetString()).ShouldBe(["PendingReview", "Blocked"]);
        feedback.GetProperty("hashFeedbacks")[0].GetProperty("hashValue").GetString().ShouldBe(Pdq(1));
        await SyncAsync(host);
        partner.Feedback.Count.ShouldBe(1);
    }

    /// <summary>Waits for the background recorder (outcomes are queued off the request path), at most 30 s.</summary>
    private static async Task<IReadOnlyList<OutcomeRecord>> OutcomesEventuallyAsync(ExchangeHost host, int count)
    {
        ExchangeService exchanges = host.Get<ExchangeService>();
        for (int attempt = 0; ; attempt++)
        {
            IReadOnlyList<OutcomeRecord> outcomes = await exchanges.ListOutcomesAsync("STOP_NCII", Ct);
            if (outcomes.Count >= count || attempt == 300)
            {
                return outcomes;
            }

            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Check_ImportedHashBlocksUpload_OutcomeRecordedOnceAndSentOnNextSync()
    {
        // Given a hash imported from the partner and a hash of a curated (non-exchange) bank
        await using FakeStopNcii partner = await FakeStopNcii.StartAsync(Ct);
        partner.Put("ImagePDQ", Pdq(1), "Active");
        partner.Put("ImagePDQ", Pdq(2), "Active");
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        await AddExchangeAsync(host, partner, pageSize: 800);
        await SyncAsync(host);

        // When uploads matching the first hash are checked (three times) and an unrelated one passes
        using HttpClient gate = host.WithKey(host.CheckKey);
        for (int i = 0; i < 3; i++)
        {
            (await CheckClient.DecisionAsync(gate, pdq: Pdq(1), cancellationToken: Ct)).ShouldBe("block");
        }

        (await CheckClient.DecisionAsync(gate, pdq: Pdq(3), cancellationToken: Ct)).ShouldBe("allow");

        // Then one outcome is recorded for the matched hash (which exchange, which hash, the decision)
        OutcomeRecord outcome = (await OutcomesEventuallyAsync(host, 1)).ShouldHaveSingleItem();
        outcome.Value.ShouldBe(Pdq(1));
        outcome.Outcome.ShouldBe("blocked");
        outcome.ContentRef.ShouldBe(OutcomeRecorder.CheckSource);
        outcome.ReportedAt.ShouldBeNull();

        // When the next sync runs, the partner gets Blocked for that hash, once
        await SyncAsync(host);
        JsonElement feedback = JsonDocument.Parse(partner.Feedback.ShouldHaveSingleItem().ToJsonString()).RootElement;
        feedback.GetProperty("hashFeedbacks").EnumerateArray().Select(f => (f.GetProperty("hashValue").GetString(), f.GetProperty("feedbackValue").GetString()))
            .ShouldBe([(Pdq(1), "Blocked")]);
        (await CheckClient.DecisionAsync(gate, pdq: Pdq(1), cancellationToken: Ct)).ShouldBe("block");
        await SyncAsync(host);
        partner.Feedback.Count.ShouldBe(1);
        (await host.Get<ExchangeService>().ListOutcomesAsync("STOP_NCII", Ct)).ShouldHaveSingleItem().ReportedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Sync_HostilePages_AreRejectedWithClearErrorsAndNothingImportedIsLost()
    {
        // Given three imported hashes
        await using FakeStopNcii partner = await FakeStopNcii.StartAsync(Ct);
        for (int i = 1; i <= 3; i++)
        {
            partner.Put("ImagePDQ", Pdq(i), "Active");
        }

        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        await AddExchangeAsync(host, partner, pageSize: 800);
        (await SyncAsync(host)).Error.ShouldBeNull();

        // When the partner sends a hash of the wrong length, then a malformed page
        partner.Put("ImagePDQ", Pdq(4), "Active");
        partner.Put("ImagePDQ", "abcdef", "Active");
        ExchangeSyncResult wrongLength = await SyncAsync(host);
        partner.Malformed = true;
        ExchangeSyncResult malformed = await SyncAsync(host);

        // Then each sync is rejected with a clear error and the bank keeps what it had (nothing from the bad page)
        wrongLength.Error.ShouldBe("rejected page 1: hash record ImagePDQ 'abcdef': a pdq hash has 64 hexadecimal digits, this one has 6");
        malformed.Error!.ShouldStartWith("rejected page 1: FetchHashes answer is not valid JSON of the documented shape");
        (await BankHashesAsync(host, "STOP_NCII")).ShouldBe(new[] { Pdq(1), Pdq(2), Pdq(3) }.Order(StringComparer.Ordinal).ToList());
        using HttpClient gate = host.WithKey(host.CheckKey);
        (await CheckClient.DecisionAsync(gate, pdq: Pdq(2), cancellationToken: Ct)).ShouldBe("block");
    }
}
