using System.Net;
using System.Net.Http.Json;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

public sealed class RequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_IncompleteRequest_IsStoredAndSaysExactlyWhatIsMissing_ThenSupplementOpensIt()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();

        // When a request arrives with only a location.
        HttpResponseMessage response = await client.PostAsJsonAsync("api/v1/requests", new { locations = new[] { "https://platform.example/content/a.jpg" } }, Ct);

        // Then it is stored, the clock runs from receipt, and the four missing elements are named.
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        SubmitResult filed = await response.ReadAsync<SubmitResult>(Ct);
        filed.Status.ShouldBe("incomplete");
        filed.DueAt.ShouldBe(ServiceHost.Start.AddHours(48));
        filed.Missing.Select(m => m.Element).ShouldBe(["signature", "good_faith_statement", "contact"]);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/requests/{filed.CaseNumber}");

        // When the requester adds what was missing an hour later.
        host.Time.Advance(TimeSpan.FromHours(1));
        RequesterCaseView supplemented = await (await client.PostAsJsonAsync($"api/v1/requests/{filed.CaseNumber}/supplement?token={filed.StatusToken}", new
        {
            signatureName = "Sam", signatureAttested = true, goodFaithAttested = true, contactEmail = "sam@example.org",
        }, Ct)).ReadAsync<RequesterCaseView>(Ct);

        // Then the case opens; the deadline still runs from the first receipt.
        supplemented.Status.ShouldBe("open");
        supplemented.Missing.ShouldBeEmpty();
        supplemented.DueAt.ShouldBe(ServiceHost.Start.AddHours(48));
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        CaseDetailView detail = await (await moderator.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        detail.ReceivedAt.ShouldBe(ServiceHost.Start);
        detail.CompletedAt.ShouldBe(ServiceHost.Start.AddHours(1));
    }

    [Fact]
    public async Task GetStatus_WrongTokenOrWrongCase_GiveTheSame404()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("a.jpg"), Ct);

        HttpResponseMessage wrongToken = await client.GetAsync($"api/v1/requests/{filed.CaseNumber}?token=nope", Ct);
        HttpResponseMessage wrongCase = await client.GetAsync($"api/v1/requests/TD-0000-0000?token={filed.StatusToken}", Ct);
        HttpResponseMessage malformed = await client.GetAsync($"api/v1/requests/whatever?token={filed.StatusToken}", Ct);
        using var byHeader = new HttpRequestMessage(HttpMethod.Get, $"api/v1/requests/{filed.CaseNumber}");
        byHeader.Headers.Add("X-Status-Token", filed.StatusToken);
        HttpResponseMessage ok = await client.SendAsync(byHeader, Ct);

        wrongToken.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        string body = await wrongToken.Content.ReadAsStringAsync(Ct);
        (await WithoutTraceAsync(wrongCase)).ShouldBe(await WithoutTraceAsync(wrongToken));
        (await WithoutTraceAsync(malformed)).ShouldBe(await WithoutTraceAsync(wrongToken));
        wrongCase.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        wrongToken.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldNotContain("stack", Case.Insensitive);
        (await ok.ReadAsync<RequesterCaseView>(Ct)).Items.ShouldHaveSingleItem().Location.ShouldBe("a.jpg");
    }

    /// <summary>The problem body without its per-request trace id.</summary>
    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return string.Join('|', doc.RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
    }

    [Fact]
    public async Task Submit_MalformedJsonOrUnknownJurisdiction_Returns400Problem()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();

        HttpResponseMessage malformed = await client.PostAsync("api/v1/requests", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct);
        HttpResponseMessage unknown = await client.PostAsJsonAsync("api/v1/requests", new { jurisdiction = "XX", locations = new[] { "a" } }, Ct);

        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync(Ct)).ShouldContain("Unknown jurisdiction");
    }

    [Fact]
    public async Task Submit_AustralianRequest_Has24HourDeadline_AndQueueOrdersByTimeLeft()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        SubmitResult us = await Requests.FileAsync(client, Requests.Complete("a"), Ct);
        host.Time.Advance(TimeSpan.FromHours(1));
        var au = await Requests.FileAsync(client, new { signatureName = "A", signatureAttested = true, locations = new[] { "b" }, goodFaithAttested = true, contactEmail = "a@example.org", jurisdiction = "AU" }, Ct);

        au.DueAt.ShouldBe(ServiceHost.Start.AddHours(25));
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        List<QueueEntryView> queue = await (await moderator.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct);
        queue.Select(q => q.CaseNumber).ShouldBe([au.CaseNumber, us.CaseNumber]);
    }

    [Fact]
    public async Task Decide_RejectWithoutReason_Is400_AndRejectedCaseCannotBeRemoved()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("a"), Ct);

        (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision", new { decision = "reject" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision", new { decision = "nonsense", reason = "x" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        CaseDetailView rejected = await Requests.DecideAsync(moderator, filed.CaseNumber, "reject", "Not intimate imagery.", Ct);
        HttpResponseMessage conflict = await moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision", new { decision = "remove", reason = "changed mind", checklist = Requests.Confirmed }, Ct);

        rejected.Status.ShouldBe("rejected");
        rejected.Items.ShouldHaveSingleItem().Status.ShouldBe("kept");
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        RequesterCaseView view = await (await client.GetAsync($"api/v1/requests/{filed.CaseNumber}?token={filed.StatusToken}", Ct)).ReadAsync<RequesterCaseView>(Ct);
        view.Outcome!.Decision.ShouldBe("reject");
        view.Outcome.Reason.ShouldBe("Not intimate imagery.");
        host.Notifier.Sent.ShouldContain(n => n.Topic == "notify.requester" && n.Json.Contains("Not intimate imagery.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Claim_HeldByAnotherModerator_Is409UnlessForced()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient first = host.WithKey(host.ModeratorKey);
        using HttpClient second = host.WithKey(host.AdminKey);
        SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("a"), Ct);

        (await first.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/claim", new { force = false }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await second.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/claim", new { force = false }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/claim", new { force = true }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        NoteView note = await (await second.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "taking over" }, Ct)).ReadAsync<NoteView>(Ct);
        note.Body.ShouldBe("taking over");
    }
}
