using Takedown.Data.Records;

namespace Takedown.Data.Tests;

/// <summary>The moderator queue's order: strictly by time left, on every database.</summary>
public abstract partial class TakedownStoreTests
{
    [Fact]
    public async Task ListQueueAsync_BreachedDeadlineAndReceipt_BreachedFirstThenEarliestDueThenEarliestReceived()
    {
        // Given a regulator notice due last, two public cases due at the same time (received an hour apart),
        // and a trusted-flagger case already marked breached.
        CaseRecord regulatorLast = await InsertCommittedCaseAsync(NewCase(s_t0, deadline: TimeSpan.FromHours(30)) with { Channel = "regulator", Priority = 2 });
        CaseRecord receivedLater = await InsertCommittedCaseAsync(NewCase(s_t0.AddHours(1), deadline: TimeSpan.FromHours(9)));
        CaseRecord receivedFirst = await InsertCommittedCaseAsync(NewCase(s_t0, deadline: TimeSpan.FromHours(10)));
        CaseRecord breached = await InsertCommittedCaseAsync(NewCase(s_t0, deadline: TimeSpan.FromHours(20)) with { Channel = "trusted_flagger", Priority = 1 });
        await using (ITakedownSession write = await Store.BeginAsync(write: true, Ct))
        {
            await write.SetBreachedAsync(breached.Id, s_t0.AddHours(21), Ct);
            await write.CommitAsync(Ct);
        }

        // When
        await using ITakedownSession s = await Store.BeginAsync(write: false, Ct);
        IReadOnlyList<CaseRecord> queue = await s.ListQueueAsync(10, Ct);

        // Then the channel plays no part: breached first, then by deadline, the tie broken by receipt time.
        queue.Select(q => q.CaseNumber).ShouldBe([breached.CaseNumber, receivedFirst.CaseNumber, receivedLater.CaseNumber, regulatorLast.CaseNumber]);
        receivedFirst.DueAt.ShouldBe(receivedLater.DueAt);
    }
}
