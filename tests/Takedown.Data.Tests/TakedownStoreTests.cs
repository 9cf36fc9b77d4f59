using Takedown.Core;
using Takedown.Core.Audit;
using Takedown.Core.Cases;
using Takedown.Core.Media;
using Takedown.Core.Requests;
using Takedown.Core.Security;
using Takedown.Data.Records;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests;

/// <summary>The storage contract, run against every database by the sealed subclasses.</summary>
public abstract partial class TakedownStoreTests : StoreTestBase
{
    private static readonly DateTimeOffset s_t0 = new(2026, 5, 19, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the contract on <paramref name="database"/>.</summary>
    protected TakedownStoreTests(TestDatabase database)
        : base(database)
    {
    }

    private static NewCase NewCase(DateTimeOffset receivedAt, CaseStatus status = CaseStatus.Open, TimeSpan? deadline = null) => new(
        CaseNumber.Create(), status, "US", receivedAt, receivedAt + (deadline ?? TimeSpan.FromHours(48)), status == CaseStatus.Incomplete ? null : receivedAt,
        SecretToken.Hash("token"),
        new RemovalRequest
        {
            SignatureName = "Alex Example",
            SignatureAttested = true,
            Locations = ["img-1"],
            GoodFaithStatement = "not consensual",
            GoodFaithAttested = true,
            ContactEmail = "alex@example.org",
            RequesterRole = "self",
            AiGenerated = true,
        },
        "[]");

    private async Task<CaseRecord> InsertCommittedCaseAsync(NewCase c)
    {
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        CaseRecord record = await s.InsertCaseAsync(c, Ct);
        await s.CommitAsync(Ct);
        return record;
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        // Given InitializeAsync migrated once. When
        IReadOnlyList<int> applied = await Store.MigrateAsync(Ct);

        // Then
        applied.ShouldBeEmpty();
    }

    [Fact]
    public async Task InsertCaseAsync_Committed_RoundTripsEveryField()
    {
        // Given
        NewCase c = NewCase(s_t0);

        // When
        CaseRecord inserted = await InsertCommittedCaseAsync(c);
        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        CaseRecord? loaded = await read.GetCaseAsync(c.CaseNumber, Ct);

        // Then
        loaded.ShouldNotBeNull();
        loaded.ShouldBe(inserted with { TokenHash = loaded.TokenHash });
        loaded.TokenHash.ShouldBe(SecretToken.Hash("token"));
        loaded.ReceivedAt.ShouldBe(s_t0);
        loaded.DueAt.ShouldBe(s_t0.AddHours(48));
        loaded.Status.ShouldBe(CaseStatus.Open);
        loaded.ContactEmail.ShouldBe("alex@example.org");
        loaded.AiGenerated.ShouldBe(true);
        (await read.GetCaseAsync(loaded.Id, Ct))!.CaseNumber.ShouldBe(c.CaseNumber);
    }

    [Fact]
    public async Task BeginAsync_DisposedWithoutCommit_RollsBack()
    {
        NewCase c = NewCase(s_t0);
        await using (ITakedownSession s = await Store.BeginAsync(write: true, Ct))
        {
            await s.InsertCaseAsync(c, Ct);
            await s.AppendAuditAsync("system", "case.created", c.CaseNumber, "{}", s_t0, Ct);
        }

        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        (await read.GetCaseAsync(c.CaseNumber, Ct)).ShouldBeNull();
        (await read.ReadAuditAsync(1, 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetCaseStatusAsync_AllowedAndRefusedMoves_AreEnforced()
    {
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);

        await s.SetCaseStatusAsync(c.Id, CaseStatus.Open, CaseStatus.Removed, s_t0.AddHours(1), Ct);
        await Should.ThrowAsync<InvalidTransitionException>(() => s.SetCaseStatusAsync(c.Id, CaseStatus.Removed, CaseStatus.Open, null, Ct));
        await Should.ThrowAsync<ConflictException>(() => s.SetCaseStatusAsync(c.Id, CaseStatus.Open, CaseStatus.Rejected, null, Ct));

        CaseRecord? loaded = await s.GetCaseAsync(c.Id, Ct);
        loaded!.Status.ShouldBe(CaseStatus.Removed);
        loaded.ClosedAt.ShouldBe(s_t0.AddHours(1));
    }

    [Fact]
    public async Task ClaimCaseAsync_HeldBySomeoneElse_RefusedUnlessForced()
    {
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);

        (await s.ClaimCaseAsync(c.Id, "ann", s_t0, force: false, Ct)).ShouldBeTrue();
        (await s.ClaimCaseAsync(c.Id, "ann", s_t0, force: false, Ct)).ShouldBeTrue();
        (await s.ClaimCaseAsync(c.Id, "bob", s_t0, force: false, Ct)).ShouldBeFalse();
        (await s.ClaimCaseAsync(c.Id, "bob", s_t0, force: true, Ct)).ShouldBeTrue();
        (await s.GetCaseAsync(c.Id, Ct))!.ClaimedBy.ShouldBe("bob");
    }

    [Fact]
    public async Task ListQueueAsync_MixedCases_OrdersByTimeLeftAndSkipsClosed()
    {
        // Given: a later-received US case, an earlier AU case with less time, a closed case, and a removed case with a near copy.
        CaseRecord us = await InsertCommittedCaseAsync(NewCase(s_t0.AddHours(1)));
        CaseRecord au = await InsertCommittedCaseAsync(NewCase(s_t0.AddHours(2), deadline: TimeSpan.FromHours(24)));
        CaseRecord closed = await InsertCommittedCaseAsync(NewCase(s_t0));
        CaseRecord withCopy = await InsertCommittedCaseAsync(NewCase(s_t0.AddHours(3)));
        await using (ITakedownSession s = await Store.BeginAsync(write: true, Ct))
        {
            await s.SetCaseStatusAsync(closed.Id, CaseStatus.Open, CaseStatus.Rejected, s_t0, Ct);
            await s.SetCaseStatusAsync(withCopy.Id, CaseStatus.Open, CaseStatus.Removed, s_t0, Ct);
            await s.InsertItemAsync(withCopy.Id, "copy-1", "copy-1", ItemOrigin.NearCopy, ItemStatus.NeedsReview, null, 12, s_t0, Ct);
            await s.CommitAsync(Ct);
        }

        // When
        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        IReadOnlyList<CaseRecord> queue = await read.ListQueueAsync(10, Ct);

        // Then
        queue.Select(c => c.CaseNumber).ShouldBe([au.CaseNumber, us.CaseNumber, withCopy.CaseNumber]);
    }

    [Fact]
    public async Task SetItemStatusAsync_RemoveThenRestore_StampsTimes()
    {
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        ItemRecord item = await s.InsertItemAsync(c.Id, "https://p.test/x", "x", ItemOrigin.Reported, ItemStatus.Pending, null, null, s_t0, Ct);

        await s.SetItemStatusAsync(item.Id, ItemStatus.Removed, s_t0.AddHours(2), Ct);
        await s.SetItemStatusAsync(item.Id, ItemStatus.Restored, s_t0.AddHours(5), Ct);

        ItemRecord? loaded = await s.GetItemAsync(item.Id, Ct);
        loaded!.Status.ShouldBe(ItemStatus.Restored);
        loaded.RemovedAt.ShouldBe(s_t0.AddHours(2));
        loaded.RestoredAt.ShouldBe(s_t0.AddHours(5));
        (await s.FindItemsByContentIdAsync("x", Ct)).ShouldHaveSingleItem().Id.ShouldBe(item.Id);
        (await s.ListItemsAsync(c.Id, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task BankEntries_AddThenRelease_AppendOrderedChanges()
    {
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        string pdq = new string('a', 64);
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        ItemRecord item = await s.InsertItemAsync(c.Id, "x", "x", ItemOrigin.Reported, ItemStatus.Removed, null, null, s_t0, Ct);
        await s.InsertBankEntryAsync(c.Id, c.CaseNumber, item.Id, HashKind.Pdq, pdq, 90, s_t0, Ct);
        await s.InsertBankEntryAsync(c.Id, c.CaseNumber, item.Id, HashKind.Sha256, new string('b', 64), 0, s_t0, Ct);

        (await s.ReleaseBankEntriesAsync(c.Id, c.CaseNumber, null, s_t0.AddHours(1), Ct)).ShouldBe(2);

        IReadOnlyList<BankChange> changes = await s.ReadBankChangesAsync(0, 100, Ct);
        changes.Select(ch => ch.Added).ShouldBe([true, true, false, false]);
        changes.Select(ch => ch.Sequence).ShouldBeInOrder();
        changes[0].Kind.ShouldBe(HashKind.Pdq);
        changes[0].CaseNumber.ShouldBe(c.CaseNumber);
        (await s.ReadBankChangesAsync(changes[1].Sequence, 100, Ct)).Count.ShouldBe(2);
        (await s.ListBankEntriesAsync(c.Id, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AppendAuditAsync_ConcurrentWriters_KeepAnIntactChain()
    {
        // When: eight writers append concurrently.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            for (int j = 0; j < 5; j++)
            {
                await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
                await s.AppendAuditAsync($"user:u{i}", "case.read", null, $"{{\"j\":{j}}}", s_t0.AddSeconds(j), Ct);
                await s.CommitAsync(Ct);
            }
        }));

        // Then
        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        IReadOnlyList<AuditEvent> events = await read.ReadAuditAsync(1, 1000, Ct);
        events.Count.ShouldBe(40);
        events.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 40).Select(i => (long)i));
        AuditChain.Verify(events).ShouldBeNull();
    }

    [Fact]
    public async Task AuditLog_RowEditedBehindTheStore_IsDetected()
    {
        await using (ITakedownSession s = await Store.BeginAsync(write: true, Ct))
        {
            for (int i = 0; i < 3; i++)
            {
                await s.AppendAuditAsync("user:mod", "case.read", "TD-AAAA-BBBB", "{}", s_t0, Ct);
            }

            await s.CommitAsync(Ct);
        }

        await ExecuteSqlAsync("UPDATE audit_events SET actor = 'user:someone-else' WHERE seq = 2");

        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        AuditChain.Verify(await read.ReadAuditAsync(1, 100, Ct)).ShouldBe(2);
        (await read.ReadAuditForCaseAsync("TD-AAAA-BBBB", Ct)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Outbox_RepeatedIdempotencyKey_IsQueuedOnce()
    {
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        (await s.EnqueueAsync("webhook.case", "{}", "k1", s_t0, Ct)).ShouldBeTrue();
        (await s.EnqueueAsync("webhook.case", "{}", "k1", s_t0, Ct)).ShouldBeFalse();
        (await s.EnqueueAsync("connector.remove", "{}", "k2", s_t0, Ct)).ShouldBeTrue();

        IReadOnlyList<OutboxMessage> due = await s.ListDueAsync(s_t0, 10, Ct);
        due.Count.ShouldBe(2);
        await s.MarkFailedAsync(due[0].Id, 1, s_t0.AddMinutes(1), "HTTP 503", Ct);
        await s.MarkDeliveredAsync(due[1].Id, s_t0, Ct);

        (await s.ListDueAsync(s_t0, 10, Ct)).ShouldBeEmpty();
        OutboxMessage retry = (await s.ListDueAsync(s_t0.AddMinutes(1), 10, Ct)).ShouldHaveSingleItem();
        retry.Attempts.ShouldBe(1);
        retry.LastError.ShouldBe("HTTP 503");
        (await s.ListUndeliveredAsync("webhook.", Ct)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task UsersAndKeys_InsertFindRevoke_Work()
    {
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        await s.InsertUserAsync("ann", "hash", "moderator", s_t0, Ct);
        ApiKeyRecord key = await s.InsertApiKeyAsync("tdk_abc", [1, 2, 3], "platform", ["check", "connector"], s_t0, Ct);

        (await s.GetUserAsync("ann", Ct))!.Role.ShouldBe("moderator");
        (await s.GetUserAsync("nobody", Ct)).ShouldBeNull();
        (await s.CountUsersAsync(Ct)).ShouldBe(1);
        (await s.GetApiKeyAsync("tdk_abc", Ct))!.Scopes.ShouldBe(["check", "connector"]);
        (await s.RevokeApiKeyAsync(key.Id, s_t0, Ct)).ShouldBeTrue();
        (await s.RevokeApiKeyAsync(key.Id, s_t0, Ct)).ShouldBeFalse();
        (await s.GetApiKeyAsync("tdk_abc", Ct))!.RevokedAt.ShouldBe(s_t0);
    }

    [Fact]
    public async Task UpsertContentAsync_SameContentTwice_UpdatesInPlace()
    {
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        await s.UpsertContentAsync([new ContentRecord(0, "u1", "s1", null, null, s_t0), new ContentRecord(0, "u2", null, "m2", null, s_t0)], Ct);
        await s.UpsertContentAsync([new ContentRecord(0, "u1", "s1b", null, "p1", s_t0.AddHours(1))], Ct);

        IReadOnlyList<ContentRecord> all = await s.ListContentAsync(0, 10, Ct);
        all.Count.ShouldBe(2);
        all[0].Sha256.ShouldBe("s1b");
        all[0].Pdq.ShouldBe("p1");
        (await s.ListContentAsync(all[0].Id, 10, Ct)).ShouldHaveSingleItem().ContentId.ShouldBe("u2");
    }

    [Fact]
    public async Task Sweeps_EnqueueAndFinish_LeavePendingList()
    {
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        await s.EnqueueSweepAsync(c.Id, s_t0, Ct);
        SweepRecord sweep = (await s.ListPendingSweepsAsync(Ct)).ShouldHaveSingleItem();
        await s.MarkSweepDoneAsync(sweep.Id, s_t0, Ct);
        (await s.ListPendingSweepsAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadSession_Write_IsRefused()
    {
        await using ITakedownSession s = await Store.BeginAsync(write: false, Ct);
        await Should.ThrowAsync<InvalidOperationException>(() => s.AppendAuditAsync("x", "y", null, "{}", s_t0, Ct));
    }

    [Fact]
    public async Task DecisionsNotesAppeals_RoundTrip()
    {
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        ItemRecord item = await s.InsertItemAsync(c.Id, "x", "x", ItemOrigin.Reported, ItemStatus.Removed, null, null, s_t0, Ct);
        await s.InsertDecisionAsync(c.Id, null, "remove", "apparent NCII", "user:ann", "manual", s_t0, Ct);
        await s.InsertNoteAsync(c.Id, "ann", "checked", s_t0, Ct);
        AppealRecord appeal = await s.InsertAppealAsync(c.Id, item.Id, "this is me and I consented", s_t0, Ct);

        await s.DecideAppealAsync(appeal.Id, AppealStatus.Denied, "bob", "not credible", s_t0.AddHours(1), Ct);
        await Should.ThrowAsync<ConflictException>(() => s.DecideAppealAsync(appeal.Id, AppealStatus.Granted, "bob", null, s_t0, Ct));

        (await s.ListDecisionsAsync(c.Id, Ct)).ShouldHaveSingleItem().Reason.ShouldBe("apparent NCII");
        (await s.ListNotesAsync(c.Id, Ct)).ShouldHaveSingleItem().Body.ShouldBe("checked");
        (await s.GetAppealAsync(appeal.Id, Ct))!.Status.ShouldBe(AppealStatus.Denied);
        (await s.ListPendingAppealsAsync(Ct)).ShouldBeEmpty();
    }
}
