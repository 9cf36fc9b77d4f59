using System.Net;
using System.Net.Http.Json;
using Takedown.Core.Audit;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Server.Auth;
using Takedown.Server.Endpoints;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

/// <summary>The compliance checklist items over real HTTP: VAL-2, MIN-1, ABU-1, INT-4, JUR-1.</summary>
public sealed class ComplianceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decide_RemovalWithoutConfirmedChecklist_Is400_OverrideReasonIsStoredAndAudited()
    {
        // Given
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        host.Upload("a.jpg", TestImages.Jpeg(1));
        SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("a.jpg"), Ct);
        string url = $"api/v1/cases/{filed.CaseNumber}/decision";

        // When a removal comes without a checklist, with a ground unconfirmed, or with an exception flag.
        HttpResponseMessage none = await moderator.PostAsJsonAsync(url, new { decision = "remove", reason = "apparent" }, Ct);
        HttpResponseMessage partial = await moderator.PostAsJsonAsync(url, new { decision = "remove", checklist = new { depictedOrAuthorised = true, intimate = true } }, Ct);
        HttpResponseMessage exception = await moderator.PostAsJsonAsync(url, new { decision = "remove", checklist = new { depictedOrAuthorised = true, intimate = true, nonConsent = true, publicConcern = true } }, Ct);

        // Then each is refused, naming what is needed.
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await none.Content.ReadAsStringAsync(Ct)).ShouldContain("checklist.depictedOrAuthorised");
        partial.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        exception.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await exception.Content.ReadAsStringAsync(Ct)).ShouldContain("overrideReason");

        // When the reviewer removes with a documented override.
        CaseDetailView removed = await (await moderator.PostAsJsonAsync(url, new
        {
            decision = "provisionally_remove",
            reason = "apparent NCII",
            checklist = new { depictedOrAuthorised = true, intimate = true, nonConsent = false, overrideReason = "Consent unclear; removing while we verify with the requester." },
        }, Ct)).ReadAsync<CaseDetailView>(Ct);

        // Then the checklist is stored with the decision and audited.
        removed.Status.ShouldBe("provisionally_removed");
        ChecklistView stored = removed.Checklists.ShouldHaveSingleItem();
        stored.DecisionId.ShouldBe(removed.Decisions.ShouldHaveSingleItem().Id);
        stored.Checklist.NonConsent.ShouldBeFalse();
        stored.Checklist.OverrideReason.ShouldBe("Consent unclear; removing while we verify with the requester.");
        List<AuditEventView> audit = await (await moderator.GetAsync($"api/v1/cases/{filed.CaseNumber}/audit", Ct)).ReadAsync<List<AuditEventView>>(Ct);
        audit.Single(e => e.Action == "decision.checklist").Detail.ShouldContain("\"overrideReason\":\"Consent unclear");
    }

    [Fact]
    public async Task Decide_MinorIndicators_FlagsCaseNeverSharesPointsToTakeItDownAndNotifiesOperator()
    {
        // Given a request whose requester consented to hash sharing.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        host.Upload("m.jpg", TestImages.Jpeg(2));
        var body = new
        {
            signatureName = "Parent", signatureAttested = true, locations = new[] { "m.jpg" }, goodFaithAttested = true,
            contactEmail = "parent@example.org", requesterRole = "parent_or_guardian", shareConsent = true,
        };
        SubmitResult filed = await Requests.FileAsync(client, body, Ct);

        // When the reviewer removes it with minor indicators.
        CaseDetailView removed = await (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision", new
        {
            decision = "remove",
            reason = "apparent",
            checklist = new { depictedOrAuthorised = true, intimate = true, nonConsent = true, minorIndicators = true },
        }, Ct)).ReadAsync<CaseDetailView>(Ct);

        // Then the case is flagged, its hashes are not shared, the requester is pointed to Take It Down, the operator is told.
        removed.Minor.ShouldBeTrue();
        removed.Bank.ShouldNotBeEmpty();
        await using (ITakedownSession session = await host.Get<ITakedownStore>().BeginAsync(write: false, Ct))
        {
            (await session.Exchange().HasShareConsentAsync(filed.CaseNumber, Ct)).ShouldBeFalse();
        }

        RequesterCaseView status = await (await client.GetAsync($"api/v1/requests/{filed.CaseNumber}?token={filed.StatusToken}", Ct)).ReadAsync<RequesterCaseView>(Ct);
        status.TakeItDownUrl.ShouldBe("https://takeitdown.ncmec.org/");
        (string topic, string json, string _) = host.Notifier.Sent.Single(s => s.Topic == CaseService.OperatorTopic);
        json.ShouldContain("cybertipline_report_due");
        json.ShouldContain(filed.CaseNumber);
        json.ShouldNotContain("parent@example.org");
        topic.ShouldBe("notify.operator");
        List<QueueEntryView> queue = await (await moderator.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct);
        queue.ShouldNotContain(q => q.CaseNumber == filed.CaseNumber);
    }

    [Fact]
    public async Task Submit_LocationAlreadyInOpenCase_IsLinkedAndFlagged_SeniorReviewShowsInQueue()
    {
        // Given an open case for a location.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        SubmitResult first = await Requests.FileAsync(client, Requests.Complete("https://platform.example/content/x.jpg"), Ct);

        // When someone else reports the same location, and a moderator flags the first for senior review.
        SubmitResult second = await Requests.FileAsync(client, Requests.Complete("https://platform.example/content/x.jpg", "Kim", "kim@example.org"), Ct);
        (await moderator.PostAsJsonAsync($"api/v1/cases/{first.CaseNumber}/senior-review", new { seniorReview = true, reason = "politician" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Then the second is kept, linked to the first and flagged; the queue shows both flags.
        List<QueueEntryView> queue = await (await moderator.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct);
        queue.Single(q => q.CaseNumber == second.CaseNumber).DuplicateOf.ShouldBe(first.CaseNumber);
        queue.Single(q => q.CaseNumber == first.CaseNumber).SeniorReview.ShouldBeTrue();
        queue.Single(q => q.CaseNumber == first.CaseNumber).DuplicateOf.ShouldBeNull();
        CaseDetailView detail = await (await moderator.GetAsync($"api/v1/cases/{second.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        detail.DuplicateOf.ShouldBe(first.CaseNumber);
        List<AuditEventView> audit = await (await moderator.GetAsync($"api/v1/cases/{first.CaseNumber}/audit", Ct)).ReadAsync<List<AuditEventView>>(Ct);
        audit.Select(e => e.Action).ShouldContain("case.duplicate_received");
        audit.Select(e => e.Action).ShouldContain("case.senior_review_flagged");
        using HttpClient check = host.WithKey(host.CheckKey);
        (await check.PostAsJsonAsync($"api/v1/cases/{first.CaseNumber}/senior-review", new { seniorReview = true }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Reject_ManifestlyUnfounded_WarnsThenSuspendsIntake_AdminLiftsIt()
    {
        // Given the defaults: warning after 2 manifestly unfounded notices, suspension after 3.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient admin = host.WithKey(host.AdminKey);

        // When three notices from one contact (spelt differently) are rejected as manifestly unfounded.
        foreach (string email in new[] { "troll@example.org", "Troll@Example.org", " troll@example.org" })
        {
            SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("https://platform.example/c/" + Guid.NewGuid().ToString("N"), "T", email.Trim()), Ct);
            await (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision", new
            {
                decision = "reject", reason = "A landscape photo.", checklist = new { manifestlyUnfounded = true },
            }, Ct)).ReadAsync<CaseDetailView>(Ct);
        }

        // Then intake from that contact is refused plainly; others are not affected.
        HttpResponseMessage refused = await client.PostAsJsonAsync("api/v1/requests", Requests.Complete("https://platform.example/c/next", "T", "TROLL@example.org"), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        string problem = await refused.Content.ReadAsStringAsync(Ct);
        problem.ShouldContain("limited time");
        problem.ShouldNotContain("TD-");
        (await client.PostAsJsonAsync("api/v1/requests", Requests.Complete("https://platform.example/c/other"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        host.Notifier.Sent.Count(s => s.Json.Contains("art23_warning", StringComparison.Ordinal)).ShouldBe(1);
        host.Notifier.Sent.Count(s => s.Json.Contains("art23_suspension", StringComparison.Ordinal)).ShouldBe(1);

        // And the admin sees a keyed record (no contact) and lifts the suspension.
        List<RequesterRecordView> records = await (await admin.GetAsync("api/v1/admin/requesters", Ct)).ReadAsync<List<RequesterRecordView>>(Ct);
        RequesterRecordView record = records.ShouldHaveSingleItem();
        record.UnfoundedCount.ShouldBe(3);
        record.SuspendedUntil.ShouldBe(ServiceHost.Start.AddDays(30));
        record.Key.ShouldNotContain("troll");
        (await moderator.GetAsync("api/v1/admin/requesters", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsync($"api/v1/admin/requesters/{Uri.EscapeDataString(record.Key)}/lift", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsync($"api/v1/admin/requesters/{Uri.EscapeDataString(record.Key)}/lift", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsJsonAsync("api/v1/requests", Requests.Complete("https://platform.example/c/again", "T", "troll@example.org"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using ITakedownSession session = await host.Get<ITakedownStore>().BeginAsync(write: false, Ct);
        IReadOnlyList<AuditEvent> events = await session.ReadAuditAsync(1, 1000, Ct);
        events.Select(e => e.Action).ShouldContain("requester.warned");
        events.Select(e => e.Action).ShouldContain("requester.suspended");
        events.Select(e => e.Action).ShouldContain("intake.refused");
        events.Select(e => e.Action).ShouldContain("requester.suspension_lifted");
        events.ShouldAllBe(e => !e.Detail.Contains("troll", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Notice_RegulatorWithShorterDeadline_GetsItsOwnDeadlineAndKeepsTimeLeftOrder_OtherScopesRefused()
    {
        // Given a flagger key and a public request due first.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        string flaggerKey = await CreateKeyAsync(host, "eSafety Commissioner", Roles.FlaggerScope);
        using HttpClient flagger = host.WithKey(flaggerKey);
        SubmitResult publicCase = await Requests.FileAsync(client, Requests.Complete("a", "P", "p@example.org") , Ct);

        // When the regulator files an AU notice with a 12-hour deadline, and a trusted flagger one with a longer one.
        host.Time.Advance(TimeSpan.FromHours(1));
        SubmitResult regulator = await (await flagger.PostAsJsonAsync("api/v1/notices", new
        {
            channel = "regulator", deadlineHours = 12, request = new { signatureName = "eSafety", signatureAttested = true, locations = new[] { "b" }, goodFaithAttested = true, contactEmail = "notices@esafety.example", jurisdiction = "AU" },
        }, Ct)).ReadAsync<SubmitResult>(Ct);
        SubmitResult trusted = await (await flagger.PostAsJsonAsync("api/v1/notices", new
        {
            channel = "trusted_flagger", deadlineHours = 100, request = Requests.Complete("c", "Helpline", "help@example.org"),
        }, Ct)).ReadAsync<SubmitResult>(Ct);

        // Then the notice's own shorter deadline applies (the jurisdiction's when it is shorter), and the queue stays ordered by time left.
        regulator.DueAt.ShouldBe(ServiceHost.Start.AddHours(13));
        trusted.DueAt.ShouldBe(ServiceHost.Start.AddHours(49));
        List<QueueEntryView> queue = await (await moderator.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct);
        queue.Select(q => q.CaseNumber).ShouldBe([regulator.CaseNumber, publicCase.CaseNumber, trusted.CaseNumber]);
        queue[0].Channel.ShouldBe("regulator");
        queue[2].Channel.ShouldBe("trusted_flagger");
        (await flagger.PostAsJsonAsync("api/v1/notices", new { channel = "public", request = Requests.Complete("d") }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await flagger.PostAsJsonAsync("api/v1/notices", new { channel = "regulator", deadlineHours = -1, request = Requests.Complete("d") }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using HttpClient check = host.WithKey(host.CheckKey);
        (await check.PostAsJsonAsync("api/v1/notices", new { channel = "regulator", request = Requests.Complete("d") }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync("api/v1/notices", new { channel = "regulator", request = Requests.Complete("d") }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Decide_ContentNotVisible_ClosesCaseWithThatOutcomeCode()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("dm:123"), Ct);

        CaseDetailView decided = await Requests.DecideAsync(moderator, filed.CaseNumber, "content_not_visible", null, Ct);

        decided.Status.ShouldBe("rejected");
        DecisionView decision = decided.Decisions.ShouldHaveSingleItem();
        decision.Kind.ShouldBe("content_not_visible");
        decision.Reason!.ShouldContain("end-to-end encrypted");
        RequesterCaseView status = await (await client.GetAsync($"api/v1/requests/{filed.CaseNumber}?token={filed.StatusToken}", Ct)).ReadAsync<RequesterCaseView>(Ct);
        status.Outcome!.Decision.ShouldBe("content_not_visible");
        status.TakeItDownUrl.ShouldBeNull();
    }

    [Fact]
    public async Task OpenApi_NewComplianceFields_AreDescribed()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();

        string json = await client.GetStringAsync("openapi/v1.json", Ct);
        using System.Text.Json.JsonDocument doc = System.Text.Json.JsonDocument.Parse(json);

        System.Text.Json.JsonElement schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        string Describe(string schema, string property) =>
            schemas.GetProperty(schema).GetProperty("properties").GetProperty(property).GetRawText();
        Describe("DecisionBody", "checklist").ShouldContain("VAL-2");
        Describe("ReviewChecklist", "nonConsent").ShouldContain("consent");
        schemas.GetProperty("ReviewChecklist").GetProperty("properties").TryGetProperty("groundsConfirmed", out _).ShouldBeFalse();
        Describe("ReviewChecklist", "overrideReason").ShouldContain("\"description\"");
        Describe("FlaggerNoticeBody", "deadlineHours").ShouldContain("deadline");
        Describe("QueueEntryView", "seniorReview").ShouldContain("senior review");
        Describe("RequesterCaseView", "takeItDownUrl").ShouldContain("Take It Down");
        doc.RootElement.GetProperty("paths").TryGetProperty("/api/v1/notices", out _).ShouldBeTrue();
    }

    private static async Task<string> CreateKeyAsync(ServiceHost host, string name, string scope)
    {
        (string key, string prefix) = ApiKeys.Create();
        await using ITakedownSession session = await host.Get<ITakedownStore>().BeginAsync(write: true, Ct);
        await session.InsertApiKeyAsync(prefix, SecretToken.Hash(key), name, [scope], host.Time.GetUtcNow(), Ct);
        await session.CommitAsync(Ct);
        return key;
    }
}
