using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

public sealed class AppealAndOutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Appeal_GrantedOnReportedContent_RestoresItAndReleasesTheHashes()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        byte[] photo = TestImages.Jpeg(seed: 21);
        host.Upload("p/photo.jpg", photo);
        using HttpClient requester = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient platform = host.WithKey(host.ConnectorKey);
        using HttpClient gate = host.WithKey(host.CheckKey);
        SubmitResult filed = await Requests.FileAsync(requester, Requests.Complete("p/photo.jpg"), Ct);
        await Requests.DecideAsync(moderator, filed.CaseNumber, "remove", "apparent NCII", Ct);
        host.IsLive("p/photo.jpg").ShouldBeFalse();

        // When the uploader appeals through the platform and a moderator grants it.
        AppealView appeal = await (await platform.PostAsJsonAsync("api/v1/appeals",
            new { caseNumber = filed.CaseNumber, contentId = "p/photo.jpg", statement = "This is me and I published it myself." }, Ct)).ReadAsync<AppealView>(Ct);
        (await (await moderator.GetAsync("api/v1/appeals", Ct)).ReadAsync<List<AppealView>>(Ct)).ShouldHaveSingleItem().Id.ShouldBe(appeal.Id);
        (await moderator.PostAsJsonAsync($"api/v1/appeals/{appeal.Id}/decision", new { grant = true }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        AppealView granted = await (await moderator.PostAsJsonAsync($"api/v1/appeals/{appeal.Id}/decision", new { grant = true, reason = "Self-published by the person depicted." }, Ct)).ReadAsync<AppealView>(Ct);

        // Then the content is back, the case is restored, and the hashes no longer block.
        granted.Status.ShouldBe("granted");
        host.IsLive("p/photo.jpg").ShouldBeTrue();
        CaseDetailView detail = await (await moderator.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        detail.Status.ShouldBe("restored");
        detail.Bank.ShouldBeEmpty();
        using var upload = new ByteArrayContent(photo);
        upload.Headers.ContentType = new("image/jpeg");
        (await (await gate.PostAsync("api/v1/check", upload, Ct)).ReadAsync<CheckResult>(Ct)).Decision.ShouldBe("allow");
        (await moderator.PostAsJsonAsync($"api/v1/appeals/{appeal.Id}/decision", new { grant = false, reason = "again" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Outbox_FailingWebhook_IsRetriedWithBackoffUntilDelivered()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        host.Upload("p/x.jpg", TestImages.Jpeg(seed: 22));
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        SubmitResult filed = await Requests.FileAsync(host.Anonymous(), Requests.Complete("p/x.jpg"), Ct);
        host.Notifier.Fail = true;

        // When the decision's notifications cannot be delivered.
        await Requests.DecideAsync(moderator, filed.CaseNumber, "remove", "apparent NCII", Ct);

        // Then the removal still happened and the notices wait in the outbox with a later retry time.
        host.IsLive("p/x.jpg").ShouldBeFalse();
        ITakedownStore store = host.Get<ITakedownStore>();
        IReadOnlyList<OutboxMessage> pending;
        await using (ITakedownSession s = await store.BeginAsync(write: false, Ct))
        {
            pending = await s.ListUndeliveredAsync("notify.", Ct);
        }

        pending.Count.ShouldBe(2);
        pending.ShouldAllBe(m => m.Attempts == 1 && m.NextAttemptAt == ServiceHost.Start.AddSeconds(5) && m.LastError!.Contains("unavailable"));
        (await host.Get<OutboxDispatcher>().DispatchDueAsync(Ct)).ShouldBe(0);

        // When the platform is back and the retry time has come.
        host.Notifier.Fail = false;
        host.Time.Advance(TimeSpan.FromSeconds(5));
        (await host.Get<OutboxDispatcher>().DispatchDueAsync(Ct)).ShouldBe(2);
        host.Notifier.Sent.Select(n => n.Topic).Order().ShouldBe(["notify.requester", "notify.uploader"]);
        JsonDocument.Parse(host.Notifier.Sent.First(n => n.Topic == "notify.uploader").Json).RootElement.GetProperty("redress").GetString()!.ShouldContain("appeal");
    }

    [Fact]
    public async Task OpenApi_EveryApiOperation_HasSummaryAndDocumentedResponses()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();

        using JsonDocument doc = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json", Ct));

        JsonElement paths = doc.RootElement.GetProperty("paths");
        int operations = 0;
        foreach (JsonProperty path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                string where = $"{operation.Name} {path.Name}";
                operation.Value.TryGetProperty("summary", out JsonElement summary).ShouldBeTrue(where);
                summary.GetString().ShouldNotBeNullOrWhiteSpace(where);
                JsonElement responses = operation.Value.GetProperty("responses");
                responses.EnumerateObject().Any(r => r.Name.StartsWith('2')).ShouldBeTrue(where);
                responses.EnumerateObject().Any(r => r.Name.StartsWith('4')).ShouldBeTrue(where);
                operations++;
            }
        }

        operations.ShouldBeGreaterThanOrEqualTo(20);
    }
}
