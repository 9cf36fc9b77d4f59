using Takedown.Core.Cases;
using Takedown.Data.Records;

namespace Takedown.Data.Tests;

/// <summary>Reviewer checklists, case flags, abuse records and retention purges (VAL-2, MIN-1, ABU-1, INT-4, PRV-1), on every database.</summary>
public abstract partial class TakedownStoreTests
{
    [Fact]
    public async Task InsertChecklistAsync_RemovalAndRejection_RoundTripWithTheirDecisions()
    {
        // Given
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        var removal = new ReviewChecklist { DepictedOrAuthorised = true, Intimate = true, NonConsent = true, MinorIndicators = true };
        var rejection = new ReviewChecklist { PublicConcern = true, ManifestlyUnfounded = true, OverrideReason = "  politician's public speech  " };

        // When
        await using (ITakedownSession s = await Store.BeginAsync(write: true, Ct))
        {
            DecisionRecord first = await s.InsertDecisionAsync(c.Id, null, "provisionally_remove", null, "user:ann", "manual", s_t0, Ct);
            await s.InsertChecklistAsync(first.Id, removal, Ct);
            DecisionRecord second = await s.InsertDecisionAsync(c.Id, null, "reject", "not NCII", "user:ann", "manual", s_t0.AddHours(1), Ct);
            await s.InsertChecklistAsync(second.Id, rejection, Ct);
            await s.CommitAsync(Ct);
        }

        // Then
        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        IReadOnlyList<DecisionChecklistRecord> stored = await read.ListChecklistsAsync(c.Id, Ct);
        IReadOnlyList<DecisionRecord> decisions = await read.ListDecisionsAsync(c.Id, Ct);
        stored.Select(k => k.DecisionId).ShouldBe(decisions.Select(d => d.Id));
        stored[0].Checklist.ShouldBe(removal);
        stored[1].Checklist.ShouldBe(rejection with { OverrideReason = "politician's public speech" });
        (await read.ListChecklistsAsync(c.Id + 1000, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetMinorAsync_ConsentedCase_IsNeverShared()
    {
        // Given a case whose requester consented to sharing.
        CaseRecord c = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        (await s.Exchange().SetShareConsentAsync(c.CaseNumber, true, s_t0, Ct)).ShouldBeTrue();
        (await s.Exchange().HasShareConsentAsync(c.CaseNumber, Ct)).ShouldBeTrue();

        // When it is flagged as involving a minor.
        (await s.SetMinorAsync(c.Id, Ct)).ShouldBeTrue();
        (await s.SetMinorAsync(c.Id, Ct)).ShouldBeFalse();

        // Then its consent no longer counts, and consent cannot be given again.
        (await s.Exchange().HasShareConsentAsync(c.CaseNumber, Ct)).ShouldBeFalse();
        (await s.Exchange().SetShareConsentAsync(c.CaseNumber, true, s_t0, Ct)).ShouldBeFalse();
        (await s.GetCaseAsync(c.Id, Ct))!.Minor.ShouldBeTrue();
    }

    [Fact]
    public async Task CaseFlags_SeniorReviewDuplicateAndChannel_RoundTrip_AndChannelNeverReordersQueue()
    {
        // Given a public case due first and a regulator notice due later.
        CaseRecord early = await InsertCommittedCaseAsync(NewCase(s_t0));
        CaseRecord regulator = await InsertCommittedCaseAsync(NewCase(s_t0.AddHours(1)) with { Channel = "regulator", Priority = 2 });

        // When
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        (await s.SetSeniorReviewAsync(early.Id, true, Ct)).ShouldBeTrue();
        (await s.SetSeniorReviewAsync(early.Id, true, Ct)).ShouldBeFalse();
        await s.SetDuplicateOfAsync(early.Id, regulator.CaseNumber, Ct);
        await s.SetChannelAsync(early.Id, "trusted_flagger", 1, Ct);

        // Then
        CaseRecord loaded = (await s.GetCaseAsync(early.Id, Ct))!;
        loaded.SeniorReview.ShouldBeTrue();
        loaded.DuplicateOf.ShouldBe(regulator.CaseNumber);
        loaded.Channel.ShouldBe("trusted_flagger");
        loaded.Priority.ShouldBe(1);
        regulator.Channel.ShouldBe("regulator");
        (await s.ListQueueAsync(10, Ct)).Select(q => q.CaseNumber).ShouldBe([early.CaseNumber, regulator.CaseNumber]);
    }

    [Fact]
    public async Task FindCasesNamingAsync_LocationOrContentId_FindsOpenAndRemovedButNotClosedOrSelf()
    {
        // Given three cases naming the same content: open, removed and rejected.
        CaseRecord open = await InsertCommittedCaseAsync(NewCase(s_t0));
        CaseRecord removed = await InsertCommittedCaseAsync(NewCase(s_t0));
        CaseRecord rejected = await InsertCommittedCaseAsync(NewCase(s_t0));
        CaseRecord other = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using ITakedownSession s = await Store.BeginAsync(write: true, Ct);
        await s.InsertItemAsync(open.Id, "https://p.example/a", "a", ItemOrigin.Reported, ItemStatus.Pending, null, null, s_t0, Ct);
        await s.InsertItemAsync(removed.Id, "a", "a", ItemOrigin.Reported, ItemStatus.Removed, null, null, s_t0, Ct);
        await s.InsertItemAsync(rejected.Id, "https://p.example/a", "a", ItemOrigin.Reported, ItemStatus.Kept, null, null, s_t0, Ct);
        await s.InsertItemAsync(other.Id, "https://p.example/b", "b", ItemOrigin.Reported, ItemStatus.Pending, null, null, s_t0, Ct);
        await s.SetCaseStatusAsync(removed.Id, CaseStatus.Open, CaseStatus.Removed, s_t0, Ct);
        await s.SetCaseStatusAsync(rejected.Id, CaseStatus.Open, CaseStatus.Rejected, s_t0, Ct);

        // When / Then
        (await s.FindCasesNamingAsync(other.Id, ["https://p.example/a"], [], Ct)).ShouldBe([open.CaseNumber]);
        (await s.FindCasesNamingAsync(other.Id, ["x"], ["a"], Ct)).ShouldBe([open.CaseNumber, removed.CaseNumber]);
        (await s.FindCasesNamingAsync(open.Id, ["https://p.example/a"], ["a"], Ct)).ShouldBe([removed.CaseNumber]);
        (await s.FindCasesNamingAsync(open.Id, ["nothing"], [], Ct)).ShouldBeEmpty();
        (await s.FindCasesNamingAsync(open.Id, [], [], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RequesterRecords_KeyedByContactNotStoredInPlain_SaveGetListAndLift()
    {
        // Given
        const string contact = "email:robin@example.org";
        await using (ITakedownSession s = await Store.BeginAsync(write: true, Ct))
        {
            (await s.GetRequesterRecordAsync(contact, Ct)).ShouldBeNull();

            // When
            RequesterRecord saved = await s.SaveRequesterRecordAsync(contact, 3, s_t0, s_t0.AddDays(30), 1, s_t0.AddHours(1), Ct);
            await s.SaveRequesterRecordAsync("email:other@example.org", 1, null, null, 0, s_t0, Ct);
            await s.CommitAsync(Ct);

            // Then the key is a keyed hash, not the contact.
            saved.Key.ShouldNotContain("robin");
            saved.Key.Length.ShouldBeGreaterThan(64);
        }

        await using ITakedownSession w = await Store.BeginAsync(write: true, Ct);
        RequesterRecord loaded = (await w.GetRequesterRecordAsync(contact, Ct))!;
        loaded.ShouldBe(new RequesterRecord(loaded.Key, 3, s_t0, s_t0.AddDays(30), 1, s_t0.AddHours(1)));
        (await w.ListRequesterRecordsAsync(10, Ct)).Select(r => r.UnfoundedCount).ShouldBe([3, 1]);
        (await w.LiftSuspensionAsync(loaded.Key, s_t0.AddDays(1), Ct)).ShouldBeTrue();
        (await w.LiftSuspensionAsync(loaded.Key, s_t0.AddDays(1), Ct)).ShouldBeFalse();
        (await w.LiftSuspensionAsync("unknown", s_t0, Ct)).ShouldBeFalse();
        (await w.GetRequesterRecordAsync(contact, Ct))!.SuspendedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task PurgePersonalDataAsync_ClosedCase_ErasesRequesterFieldsKeepsSkeleton()
    {
        // Given a removed case closed a day in, and an open one.
        CaseRecord closed = await InsertCommittedCaseAsync(NewCase(s_t0));
        CaseRecord open = await InsertCommittedCaseAsync(NewCase(s_t0));
        await using (ITakedownSession s = await Store.BeginAsync(write: true, Ct))
        {
            await s.InsertItemAsync(closed.Id, "https://p.example/a", "a", ItemOrigin.Reported, ItemStatus.Removed, null, null, s_t0, Ct);
            await s.SetCaseStatusAsync(closed.Id, CaseStatus.Open, CaseStatus.Removed, s_t0.AddDays(1), Ct);
            DecisionRecord d = await s.InsertDecisionAsync(closed.Id, null, "remove", "apparent", "user:ann", "manual", s_t0.AddDays(1), Ct);
            await s.EnqueueAsync("notify.requester", "{\"contactEmail\":\"alex@example.org\"}", "outcome:" + d.Id, s_t0.AddDays(1), Ct);
            OutboxMessage sent = (await s.ListUndeliveredAsync("notify.requester", Ct)).ShouldHaveSingleItem();
            await s.MarkDeliveredAsync(sent.Id, s_t0.AddDays(1), Ct);
            await s.CommitAsync(Ct);
        }

        // When
        await using ITakedownSession w = await Store.BeginAsync(write: true, Ct);
        (await w.ListPurgeDueAsync(s_t0, 10, Ct)).ShouldBeEmpty();
        CaseRecord due = (await w.ListPurgeDueAsync(s_t0.AddDays(2), 10, Ct)).ShouldHaveSingleItem();
        due.Id.ShouldBe(closed.Id);
        (await w.PurgePersonalDataAsync(closed.Id, s_t0.AddDays(2), Ct)).ShouldBeTrue();
        (await w.PurgePersonalDataAsync(closed.Id, s_t0.AddDays(3), Ct)).ShouldBeFalse();
        await w.CommitAsync(Ct);

        // Then
        await using ITakedownSession r = await Store.BeginAsync(write: false, Ct);
        CaseRecord purged = (await r.GetCaseAsync(closed.Id, Ct))!;
        purged.PurgedAt.ShouldBe(s_t0.AddDays(2));
        (purged.SignatureName, purged.GoodFaithStatement, purged.ContactEmail, purged.ContactOther, purged.Description).ShouldBe((null, null, null, null, null));
        purged.CaseNumber.ShouldBe(closed.CaseNumber);
        purged.Status.ShouldBe(CaseStatus.Removed);
        (await r.ListItemsAsync(closed.Id, Ct)).ShouldHaveSingleItem().Location.ShouldBe("https://p.example/a");
        (await r.ListDecisionsAsync(closed.Id, Ct)).ShouldHaveSingleItem().Kind.ShouldBe("remove");
        (await r.ListPurgeDueAsync(s_t0.AddDays(5), 10, Ct)).ShouldBeEmpty();
        (await r.GetCaseAsync(open.Id, Ct))!.ContactEmail.ShouldBe("alex@example.org");
    }
}
