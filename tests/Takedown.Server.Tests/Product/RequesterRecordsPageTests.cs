using System.Net;
using System.Net.Http.Json;
using Takedown.Core.Audit;
using Takedown.Data;
using Takedown.Server.Auth;
using Takedown.Server.Endpoints;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Product;

/// <summary>The admin page for requester abuse records (ABU-1, DSA Art 23) and the senior-review control, over real HTTP.</summary>
public sealed class RequesterRecordsPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestersPage_Admin_ShowsKeyedRecordWithLinkedCases_LiftIsAuditedAndNeedsAntiforgery()
    {
        // Given a requester suspended after three manifestly unfounded notices.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        string[] cases = await SuspendRequesterAsync(host, "troll@example.org");
        using HttpClient admin = await StaffSessions.SignInAsync(host, "ada", Roles.Admin, Ct);

        // When the admin opens the page.
        HttpResponseMessage page = await admin.GetAsync("admin/requesters", Ct);
        string html = await page.Content.ReadAsStringAsync(Ct);

        // Then it lists the record by its keyed hash, never the contact, with counts, state and linked cases.
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        RequesterRecordView record = (await (await host.WithKey(host.AdminKey).GetAsync("api/v1/admin/requesters", Ct)).ReadAsync<List<RequesterRecordView>>(Ct)).ShouldHaveSingleItem();
        record.Cases.ShouldBe(cases);
        html.ShouldContain($"data-record=\"{record.Key[..12]}\"");
        html.ShouldContain("Suspended");
        html.ShouldContain("<label class=\"label\" for=\"lift-reason\">");
        html.ShouldNotContain("troll", Case.Insensitive);
        foreach (string caseNumber in cases)
        {
            html.ShouldContain($"href=\"/moderate/cases/{caseNumber}\"");
        }

        // When a lift is posted as a form without the anti-forgery token, then with the page's token (the API header is dropped,
        // so only the form field can satisfy the check).
        admin.DefaultRequestHeaders.Remove(ApiAntiforgery.HeaderName);
        KeyValuePair<string, string>[] fields = [new("Lift.Key", record.Key), new("Lift.Reason", "Spoke with the requester by phone.")];
        HttpResponseMessage forged = await PageForms.PostAsync(admin, "admin/requesters", "lift-suspension", null, fields, Ct);
        HttpResponseMessage lifted = await PageForms.PostAsync(admin, "admin/requesters", "lift-suspension", PageForms.Token(html), fields, Ct);

        // Then the forged post changes nothing; the real one lifts the suspension, audited with who and why.
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        lifted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lifted.Content.ReadAsStringAsync(Ct)).ShouldContain("id=\"lifted-flash\"");
        RequesterRecordView after = (await (await host.WithKey(host.AdminKey).GetAsync("api/v1/admin/requesters", Ct)).ReadAsync<List<RequesterRecordView>>(Ct)).ShouldHaveSingleItem();
        after.SuspendedUntil.ShouldBeNull();
        after.Suspensions.ShouldBe(1);
        AuditEvent audit = (await ReadAuditAsync(host)).Single(e => e.Action == "requester.suspension_lifted");
        audit.Actor.ShouldBe("user:ada");
        audit.Detail.ShouldContain("\"reason\":\"Spoke with the requester by phone.\"");
        (await Requests.FileAsync(host.Anonymous(), Requests.Complete("https://platform.example/c/after", "T", "troll@example.org"), Ct)).CaseNumber.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task RequestersPage_Moderator_PageAndLiftAre403_SuspensionStays()
    {
        // Given a suspended requester and a signed-in moderator holding a valid anti-forgery token.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        await SuspendRequesterAsync(host, "spam@example.org");
        RequesterRecordView record = (await (await host.WithKey(host.AdminKey).GetAsync("api/v1/admin/requesters", Ct)).ReadAsync<List<RequesterRecordView>>(Ct)).ShouldHaveSingleItem();
        using HttpClient moderator = await StaffSessions.SignInAsync(host, "mod", Roles.Moderator, Ct);
        string token = PageForms.Token(await moderator.GetStringAsync("moderate", Ct));

        // When the moderator opens the page and posts the lift action.
        HttpResponseMessage page = await moderator.GetAsync("admin/requesters", Ct);
        HttpResponseMessage lift = await PageForms.PostAsync(moderator, "admin/requesters", "lift-suspension", token, [new("Lift.Key", record.Key)], Ct);

        // Then both are 403 with nothing of the records shown, and the suspension stays.
        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        string body = await page.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("Only an admin");
        body.ShouldNotContain(record.Key[..12]);
        lift.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await moderator.PostAsync($"api/v1/admin/requesters/{Uri.EscapeDataString(record.Key)}/lift", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await host.WithKey(host.AdminKey).GetAsync("api/v1/admin/requesters", Ct)).ReadAsync<List<RequesterRecordView>>(Ct))
            .ShouldHaveSingleItem().SuspendedUntil.ShouldBe(ServiceHost.Start.AddDays(30));
        (await ReadAuditAsync(host)).ShouldNotContain(e => e.Action == "requester.suspension_lifted");
        using HttpClient anonymous = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Server.BaseAddress };
        (await anonymous.GetAsync("admin/requesters", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task CasePage_SeniorReviewControl_FlagsAndClears_AuditedAndShownInQueue()
    {
        // Given a case and a signed-in moderator on its page.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        SubmitResult filed = await Requests.FileAsync(host.Anonymous(), Requests.Complete("senator.jpg"), Ct);
        using HttpClient moderator = await StaffSessions.SignInAsync(host, "mod", Roles.Moderator, Ct);
        string path = $"moderate/cases/{filed.CaseNumber}";
        string html = await moderator.GetStringAsync(path, Ct);
        html.ShouldContain("<label class=\"choice\" for=\"senior-review\">");
        html.ShouldContain("<label class=\"label\" for=\"senior-review-reason\">");

        // When the moderator ticks "Needs senior review" with a reason.
        HttpResponseMessage flagged = await PageForms.PostAsync(moderator, path, "senior-review", PageForms.Token(html),
            [new("Senior.Flag", "true"), new("Senior.Reason", "Sitting senator")], Ct);

        // Then the case and the queue (API and page) carry the flag, and the change is audited.
        flagged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        flagged.Headers.Location!.ToString().ShouldContain("done=senior_review");
        using HttpClient api = host.WithKey(host.ModeratorKey);
        (await (await api.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct)).SeniorReview.ShouldBeTrue();
        (await (await api.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct)).ShouldHaveSingleItem().SeniorReview.ShouldBeTrue();
        QueueOrderTests.PageRows(await moderator.GetStringAsync("moderate", Ct)).ShouldHaveSingleItem().Text.ShouldContain("Senior review");
        string checkedBox = await moderator.GetStringAsync(path, Ct);
        checkedBox.ShouldContain("id=\"senior-review\" name=\"Senior.Flag\" value=\"true\" checked");

        // When the box is unticked (a browser then sends no Senior.Flag field).
        HttpResponseMessage cleared = await PageForms.PostAsync(moderator, path, "senior-review", PageForms.Token(checkedBox), [], Ct);

        // Then the flag is cleared; both changes are in the case's audit trail with the moderator.
        cleared.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await api.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct)).SeniorReview.ShouldBeFalse();
        List<AuditEventView> trail = await (await api.GetAsync($"api/v1/cases/{filed.CaseNumber}/audit", Ct)).ReadAsync<List<AuditEventView>>(Ct);
        trail.Single(e => e.Action == "case.senior_review_flagged").Actor.ShouldBe("user:mod");
        trail.Single(e => e.Action == "case.senior_review_flagged").Detail.ShouldContain("Sitting senator");
        trail.Single(e => e.Action == "case.senior_review_cleared").Actor.ShouldBe("user:mod");
    }

    /// <summary>Files three notices from one contact and rejects each as manifestly unfounded; returns their case numbers.</summary>
    private static async Task<string[]> SuspendRequesterAsync(ServiceHost host, string email)
    {
        using HttpClient anonymous = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        var cases = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            SubmitResult filed = await Requests.FileAsync(anonymous, Requests.Complete($"https://platform.example/c/{email}/{i}", "T", email), Ct);
            await (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision",
                new { decision = "reject", reason = "A landscape photo.", checklist = new { manifestlyUnfounded = true } }, Ct)).ReadAsync<CaseDetailView>(Ct);
            cases.Add(filed.CaseNumber);
        }

        return [.. cases];
    }

    private static async Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(ServiceHost host)
    {
        await using ITakedownSession session = await host.Get<ITakedownStore>().BeginAsync(write: false, Ct);
        return await session.ReadAuditAsync(1, 10_000, Ct);
    }
}
