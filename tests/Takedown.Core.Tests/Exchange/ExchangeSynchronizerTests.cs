using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Takedown.Core.Exchange;
using Takedown.Core.Media;

namespace Takedown.Core.Tests.Exchange;

public sealed class ExchangeSynchronizerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Hash(int i) => i.ToString("x64", CultureInfo.InvariantCulture);

    /// <summary>An exchange that serves numbered pages of a script; a page can be set to fail once or to be bad.</summary>
    private sealed class ScriptedExchange(IReadOnlyList<IReadOnlyList<ExchangeRecord>> pages, bool endless = false) : IHashExchange
    {
        public int Calls { get; private set; }

        public int FailAtPage { get; set; } = -1;

        public FakeTimeProvider? Clock { get; init; }

        public string Type => "test";

        public bool SupportsFeedback => false;

        public Task<ExchangePage> FetchPageAsync(string? checkpoint, CancellationToken cancellationToken)
        {
            Calls++;
            int index = checkpoint is null ? 0 : int.Parse(checkpoint, CultureInfo.InvariantCulture);
            Clock?.Advance(TimeSpan.FromSeconds(10));
            if (index == FailAtPage)
            {
                FailAtPage = -1;
                throw new HttpRequestException("connection reset", null, System.Net.HttpStatusCode.BadGateway);
            }

            IReadOnlyList<ExchangeRecord> records = endless ? [new ExchangeRecord("k" + index, HashKind.Pdq, Hash(index), null, false)] : pages[index];
            bool more = endless || index + 1 < pages.Count;
            return Task.FromResult(new ExchangePage(records, (index + 1).ToString(CultureInfo.InvariantCulture), more));
        }

        public Task SubmitFeedbackAsync(IReadOnlyList<ExchangeFeedback> feedback, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The bank as a dictionary keyed like the SQL store, with the checkpoint applied in the same step.</summary>
    private sealed class MemoryState : IExchangeStateStore
    {
        public Dictionary<string, string> Bank { get; } = [];

        public string? Checkpoint { get; private set; }

        public int Applied { get; private set; }

        public ExchangeSyncResult? Last { get; private set; }

        public Task<string?> GetCheckpointAsync(string exchange, CancellationToken cancellationToken) => Task.FromResult(Checkpoint);

        public Task<(int Upserted, int Deleted)> ApplyPageAsync(string exchange, ExchangePage page, DateTimeOffset at, CancellationToken cancellationToken)
        {
            int u = 0, d = 0;
            foreach (ExchangeRecord r in page.Records)
            {
                if (r.Deleted)
                {
                    d += Bank.Remove(r.Key) ? 1 : 0;
                }
                else if (!Bank.TryGetValue(r.Key, out string? v) || v != r.Value)
                {
                    Bank[r.Key] = r.Value;
                    u++;
                }
            }

            Checkpoint = page.Checkpoint;
            Applied++;
            return Task.FromResult((u, d));
        }

        public Task RecordSyncAsync(string exchange, ExchangeSyncResult result, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Last = result;
            return Task.CompletedTask;
        }
    }

    private static ExchangeRecord Add(int i) => new("k" + i, HashKind.Pdq, Hash(i), null, false);

    private static ExchangeRecord Del(int i) => new("k" + i, HashKind.Pdq, Hash(i), null, true);

    [Fact]
    public async Task SyncAsync_PagesWithWithdrawals_BankEqualsLiveSet()
    {
        var exchange = new ScriptedExchange([[Add(1), Add(2)], [Add(3), Del(1)], [Del(9), Add(4)]]);
        var state = new MemoryState();

        ExchangeSyncResult result = await new ExchangeSynchronizer(TimeProvider.System).SyncAsync("X", exchange, state, new ExchangeSyncLimits(), Ct);

        result.ShouldBe(new ExchangeSyncResult(3, 4, 1, true, null));
        state.Bank.Keys.Order().ShouldBe(["k2", "k3", "k4"]);
        state.Last.ShouldBe(result);
    }

    [Fact]
    public async Task SyncAsync_FailureMidFetch_KeepsAppliedPagesAndResumesWithoutLossOrDuplicates()
    {
        var exchange = new ScriptedExchange([[Add(1)], [Add(2)], [Add(3)], [Add(4)]]) { FailAtPage = 2 };
        var state = new MemoryState();
        var sync = new ExchangeSynchronizer(TimeProvider.System);

        ExchangeSyncResult first = await sync.SyncAsync("X", exchange, state, new ExchangeSyncLimits(), Ct);
        first.Failed.ShouldBeTrue();
        first.Error!.ShouldContain("HTTP 502");
        state.Checkpoint.ShouldBe("2");
        state.Bank.Keys.Order().ShouldBe(["k1", "k2"]);

        ExchangeSyncResult second = await sync.SyncAsync("X", exchange, state, new ExchangeSyncLimits(), Ct);

        second.ShouldBe(new ExchangeSyncResult(2, 2, 0, true, null));
        state.Bank.Keys.Order().ShouldBe(["k1", "k2", "k3", "k4"]);
        state.Applied.ShouldBe(4);
    }

    [Fact]
    public async Task SyncAsync_EndlessFeed_StopsAtPageCapAndContinuesNextRun()
    {
        var exchange = new ScriptedExchange([], endless: true);
        var state = new MemoryState();

        ExchangeSyncResult result = await new ExchangeSynchronizer(TimeProvider.System).SyncAsync("X", exchange, state, new ExchangeSyncLimits { MaxPages = 5 }, Ct);

        result.Pages.ShouldBe(5);
        result.UpToDate.ShouldBeFalse();
        result.Error!.ShouldStartWith("stopped after the page cap of 5 pages");
        state.Checkpoint.ShouldBe("5");
        state.Bank.Count.ShouldBe(5);
    }

    [Fact]
    public async Task SyncAsync_EndlessFeed_StopsAtTimeBudget()
    {
        var clock = new FakeTimeProvider();
        var exchange = new ScriptedExchange([], endless: true) { Clock = clock };
        var state = new MemoryState();

        ExchangeSyncResult result = await new ExchangeSynchronizer(clock).SyncAsync("X", exchange, state, new ExchangeSyncLimits { TimeBudget = TimeSpan.FromSeconds(35) }, Ct);

        result.Pages.ShouldBe(4);
        result.Error!.ShouldStartWith("stopped after the time budget");
    }

    private sealed class StuckExchange : IHashExchange
    {
        public string Type => "test";

        public bool SupportsFeedback => false;

        public Task<ExchangePage> FetchPageAsync(string? checkpoint, CancellationToken cancellationToken) =>
            Task.FromResult(new ExchangePage([Add(1)], checkpoint ?? "same", true));

        public Task SubmitFeedbackAsync(IReadOnlyList<ExchangeFeedback> feedback, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task SyncAsync_PageThatDoesNotAdvance_IsRejectedAfterTheFirst()
    {
        var state = new MemoryState();

        ExchangeSyncResult result = await new ExchangeSynchronizer(TimeProvider.System).SyncAsync("X", new StuckExchange(), state, new ExchangeSyncLimits(), Ct);

        result.Pages.ShouldBe(1);
        result.Error!.ShouldContain("does not advance the checkpoint");
        state.Bank.Keys.ShouldBe(["k1"]);
    }

    [Fact]
    public async Task SyncAsync_RecordWithWrongLengthHash_RejectsPageAndKeepsEarlierImports()
    {
        var bad = new ExchangeRecord("bad", HashKind.Pdq, "abc", null, false);
        var exchange = new ScriptedExchange([[Add(1)], [Add(2), bad]]);
        var state = new MemoryState();

        ExchangeSyncResult result = await new ExchangeSynchronizer(TimeProvider.System).SyncAsync("X", exchange, state, new ExchangeSyncLimits(), Ct);

        result.Error.ShouldBe("rejected page 2: a pdq hash has 64 hexadecimal digits, this one has 3");
        state.Bank.Keys.ShouldBe(["k1"]);
        state.Checkpoint.ShouldBe("1");
    }
}
