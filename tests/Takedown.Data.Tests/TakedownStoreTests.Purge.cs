using Takedown.Core.Cases;
using Takedown.Data.Records;

namespace Takedown.Data.Tests;

/// <summary>PRV-1: what a purge removes beyond the case row (requester notifications, note texts), on every database.</summary>
public abstract partial class TakedownStoreTests
{
    [Fact]
    public async Task PurgeRequesterTracesAsync_CaseWithMessagesAndNotes_CancelsUndeliveredEmptiesDeliveredRedactsNotes_OtherCasesUntouched()
    {
        // Given a closed case with two outcome notices to the requester still failing, an Art 23 warning naming it that was
        // delivered, an uploader notice and two notes; and another case with its own pending notice and note.
        CaseRecord closed = await InsertCommittedCaseAsync(NewCase(s_t0));
        CaseRecord other = await InsertCommittedCaseAsync(NewCase(s_t0));
        string warningKey = "abuse:warned:k1:2";
        string otherKey;
        string[] outcomeKeys;
        await using (ITakedownSession s = await Store.BeginAsync(write: true, Ct))
        {
            DecisionRecord first = await s.InsertDecisionAsync(closed.Id, null, "provisionally_remove", null, "user:ann", "manual", s_t0, Ct);
            DecisionRecord second = await s.InsertDecisionAsync(closed.Id, null, "remove", null, "user:ann", "manual", s_t0.AddHours(1), Ct);
            DecisionRecord others = await s.InsertDecisionAsync(other.Id, null, "remove", null, "user:ann", "manual", s_t0, Ct);
            otherKey = "outcome:" + others.Id;
            outcomeKeys = ["outcome:" + first.Id, "outcome:" + second.Id];
            await s.EnqueueAsync("notify.requester", $"{{\"caseNumber\":\"{closed.CaseNumber}\",\"contactEmail\":\"alex@example.org\"}}", "outcome:" + first.Id, s_t0, Ct);
            await s.EnqueueAsync("notify.requester", $"{{\"caseNumber\":\"{closed.CaseNumber}\",\"contactEmail\":\"alex@example.org\"}}", "outcome:" + second.Id, s_t0, Ct);
            await s.EnqueueAsync("notify.requester", $"{{\"caseNumber\":\"{closed.CaseNumber}\",\"contactEmail\":\"alex@example.org\",\"notice\":\"art23_warning\"}}", warningKey, s_t0, Ct);
            await s.EnqueueAsync("notify.requester", $"{{\"caseNumber\":\"{other.CaseNumber}\",\"contactEmail\":\"sam@example.org\"}}", otherKey, s_t0, Ct);
            await s.EnqueueAsync("notify.uploader", $"{{\"caseNumber\":\"{closed.CaseNumber}\"}}", "sor:1:1", s_t0, Ct);
            OutboxMessage delivered = (await s.ListUndeliveredAsync("notify.requester", Ct)).Single(m => m.IdempotencyKey == warningKey);
            await s.MarkDeliveredAsync(delivered.Id, s_t0.AddHours(2), Ct);
            await s.InsertNoteAsync(closed.Id, "user:ann", "Called Alex on +1 555 0100", s_t0, Ct);
            await s.InsertNoteAsync(closed.Id, "user:bob", "Alex lives in Springfield", s_t0.AddHours(1), Ct);
            await s.InsertNoteAsync(other.Id, "user:ann", "Sam's note", s_t0, Ct);
            await s.SetCaseStatusAsync(closed.Id, CaseStatus.Open, CaseStatus.Removed, s_t0.AddHours(1), Ct);
            await s.CommitAsync(Ct);
        }

        // When the case is purged.
        DateTimeOffset at = new(2027, 5, 20, 3, 0, 0, TimeSpan.Zero);
        PurgeTraces traces;
        PurgeTraces again;
        await using (ITakedownSession w = await Store.BeginAsync(write: true, Ct))
        {
            (await w.PurgePersonalDataAsync(closed.Id, at, Ct)).ShouldBeTrue();
            traces = await w.PurgeRequesterTracesAsync(closed.Id, closed.CaseNumber, at, Ct);
            again = await w.PurgeRequesterTracesAsync(closed.Id, closed.CaseNumber, at, Ct);
            await w.CommitAsync(Ct);
        }

        // Then the undelivered requester messages of the case are gone, the delivered warning emptied, the notes redacted
        // with author and time kept; the other case and the uploader's notice are untouched; a second run finds nothing.
        traces.CancelledNotifications.ShouldBe(outcomeKeys);
        traces.EmptiedNotifications.ShouldBe(1);
        traces.RedactedNoteIds.Count.ShouldBe(2);
        (again.CancelledNotifications.Count, again.EmptiedNotifications, again.RedactedNoteIds.Count).ShouldBe((0, 0, 0));
        await using ITakedownSession r = await Store.BeginAsync(write: false, Ct);
        OutboxMessage remaining = (await r.ListUndeliveredAsync("notify.requester", Ct)).ShouldHaveSingleItem();
        remaining.IdempotencyKey.ShouldBe(otherKey);
        remaining.Payload.ShouldContain("sam@example.org");
        (await r.ListUndeliveredAsync("notify.uploader", Ct)).ShouldHaveSingleItem();
        IReadOnlyList<NoteRecord> notes = await r.ListNotesAsync(closed.Id, Ct);
        notes.Select(n => n.Body).ShouldBe(["[redacted by retention on 2027-05-20]", "[redacted by retention on 2027-05-20]"]);
        notes.Select(n => n.Author).ShouldBe(["user:ann", "user:bob"]);
        notes.Select(n => n.CreatedAt).ShouldBe([s_t0, s_t0.AddHours(1)]);
        (await r.ListNotesAsync(other.Id, Ct)).ShouldHaveSingleItem().Body.ShouldBe("Sam's note");
    }
}
