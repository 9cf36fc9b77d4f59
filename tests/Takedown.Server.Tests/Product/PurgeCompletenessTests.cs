using System.Net.Http.Json;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Endpoints;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Product;

/// <summary>
/// PRV-1 over real HTTP: a purge (retention job or granted withdrawal) leaves no requester data in queued notifications
/// or moderator notes, and says so in the audit log.
/// </summary>
public sealed class PurgeCompletenessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retention_CaseWithUndeliveredOutcomeAndNotes_NotificationCancelledNotesRedactedAudited()
    {
        // Given a removed case whose outcome notice to the requester cannot be delivered (the webhook is down) and
        // notes quoting the requester, and another open case with its own note; 10 days' retention.
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.Compliance.RetainPersonalDataFor = TimeSpan.FromDays(10), Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        host.Upload("r.jpg", TestImages.Jpeg(5));
        host.Notifier.Fail = true;
        SubmitResult removed = await Requests.FileAsync(client, Requests.Complete("r.jpg", "Robin Requester", "robin.private@example.org"), Ct);
        SubmitResult open = await Requests.FileAsync(client, Requests.Complete("o.jpg", "Olu", "olu@example.org"), Ct);
        await AddNoteAsync(moderator, removed.CaseNumber, "Robin called from +1 555 0100, lives at 12 Elm St");
        await AddNoteAsync(moderator, open.CaseNumber, "Olu's case: keep");
        await Requests.DecideAsync(moderator, removed.CaseNumber, "remove", "apparent NCII", Ct);
        (await UndeliveredToRequesterAsync(host)).ShouldContain(m => m.Payload.Contains("robin.private@example.org", StringComparison.Ordinal));
        NoteView before = (await (await moderator.GetAsync($"api/v1/cases/{removed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct)).Notes.ShouldHaveSingleItem();

        // When the retention job runs after the period.
        host.Time.Advance(TimeSpan.FromDays(11));
        (await host.Get<RetentionService>().RunOnceAsync(Ct)).ShouldBe(1);

        // Then no queued notification carries the contact and the webhook, once back, sends nothing to the requester.
        (await UndeliveredToRequesterAsync(host)).ShouldNotContain(m => m.Payload.Contains(removed.CaseNumber, StringComparison.Ordinal));
        host.Notifier.Fail = false;
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.Get<OutboxDispatcher>().DispatchDueAsync(Ct);
        host.Notifier.Sent.ShouldNotContain(s => s.Json.Contains("robin.private@example.org", StringComparison.Ordinal));

        // And the note keeps its author and time with a marker; the open case's note is untouched.
        CaseDetailView purged = await (await moderator.GetAsync($"api/v1/cases/{removed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        NoteView note = purged.Notes.ShouldHaveSingleItem();
        note.Body.ShouldBe("[redacted by retention on 2026-06-12]");
        (note.Id, note.Author, note.CreatedAt).ShouldBe((before.Id, before.Author, before.CreatedAt));
        (await (await moderator.GetAsync($"api/v1/cases/{open.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct)).Notes.ShouldHaveSingleItem().Body.ShouldBe("Olu's case: keep");

        // And the purge's audit event names what went (keys and ids, never content).
        List<AuditEventView> audit = await (await moderator.GetAsync($"api/v1/cases/{removed.CaseNumber}/audit", Ct)).ReadAsync<List<AuditEventView>>(Ct);
        AuditEventView purge = audit.Single(e => e.Action == "case.personal_data_purged");
        purge.Detail.ShouldContain("\"why\":\"retention\"");
        purge.Detail.ShouldContain($"\"notesRedacted\":[{note.Id}]");
        purge.Detail.ShouldContain("\"notificationsCancelled\":[\"outcome:");
        purge.Detail.ShouldNotContain("robin", Case.Insensitive);
        purge.Detail.ShouldNotContain("Elm St");
    }

    [Fact]
    public async Task Withdraw_GrantedWithPendingArt23WarningAndNotes_WarningCancelledNotesRedacted()
    {
        // Given a requester warned under Art 23 (two manifestly unfounded notices) while the webhook is down, and a
        // third case of theirs, with a note, that they withdraw.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        host.Notifier.Fail = true;
        var rejected = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            SubmitResult filed = await Requests.FileAsync(client, Requests.Complete($"x{i}.jpg", "Pat", "pat.private@example.org"), Ct);
            await (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision",
                new { decision = "reject", reason = "Not intimate.", checklist = new { manifestlyUnfounded = true } }, Ct)).ReadAsync<CaseDetailView>(Ct);
            rejected.Add(filed.CaseNumber);
        }

        (await UndeliveredToRequesterAsync(host)).ShouldContain(m => m.Payload.Contains("art23_warning", StringComparison.Ordinal) && m.Payload.Contains(rejected[1], StringComparison.Ordinal));
        SubmitResult mine = await Requests.FileAsync(client, Requests.Complete("w.jpg", "Pat", "pat.private@example.org"), Ct);
        await AddNoteAsync(moderator, mine.CaseNumber, "Pat says the ex posted it");

        // When the requester withdraws that case.
        (await client.PostAsync($"api/v1/requests/{mine.CaseNumber}/withdraw?token={mine.StatusToken}", null, Ct)).EnsureSuccessStatusCode();

        // Then the withdrawn case's note is redacted at once, and the warning (it names another case) is still owed.
        CaseDetailView withdrawn = await (await moderator.GetAsync($"api/v1/cases/{mine.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        withdrawn.Notes.ShouldHaveSingleItem().Body.ShouldBe("[redacted by retention on 2026-06-01]");
        List<AuditEventView> audit = await (await moderator.GetAsync($"api/v1/cases/{mine.CaseNumber}/audit", Ct)).ReadAsync<List<AuditEventView>>(Ct);
        audit.Single(e => e.Action == "case.personal_data_purged").Detail.ShouldContain("\"why\":\"withdrawn\"");
        (await UndeliveredToRequesterAsync(host)).ShouldContain(m => m.Payload.Contains("art23_warning", StringComparison.Ordinal));

        // When the rejected case that triggered the warning is purged by retention (after the default period).
        host.Time.Advance(TimeSpan.FromDays(364));
        (await host.Get<RetentionService>().RunOnceAsync(Ct)).ShouldBe(2);

        // Then the pending warning naming it, with the contact, is cancelled too.
        (await UndeliveredToRequesterAsync(host)).ShouldNotContain(m => m.Payload.Contains("pat.private@example.org", StringComparison.Ordinal));
    }

    private static async Task AddNoteAsync(HttpClient moderator, string caseNumber, string text) =>
        (await moderator.PostAsJsonAsync($"api/v1/cases/{caseNumber}/notes", new { text }, Ct)).EnsureSuccessStatusCode();

    private static async Task<IReadOnlyList<OutboxMessage>> UndeliveredToRequesterAsync(ServiceHost host)
    {
        await using ITakedownSession session = await host.Get<ITakedownStore>().BeginAsync(write: false, Ct);
        return await session.ListUndeliveredAsync("notify.requester", Ct);
    }
}
