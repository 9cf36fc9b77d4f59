using System.Net.Http.Json;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

/// <summary>PRV-1 retention purges and the CLK-2 on-call page, driven with the fake clock.</summary>
public sealed class RetentionAndPagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retention_ClosedCaseAfterPeriod_PersonalDataPurgedSkeletonKept_OpenCaseUntouched()
    {
        // Given a removed case and an open one, with 10 days' retention.
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.Compliance.RetainPersonalDataFor = TimeSpan.FromDays(10), Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        host.Upload("r.jpg", TestImages.Jpeg(5));
        SubmitResult removed = await Requests.FileAsync(client, Requests.Complete("r.jpg"), Ct);
        SubmitResult open = await Requests.FileAsync(client, Requests.Complete("o.jpg", "Olu", "olu@example.org"), Ct);
        await Requests.DecideAsync(moderator, removed.CaseNumber, "remove", "apparent NCII", Ct);
        RetentionService retention = host.Get<RetentionService>();

        // When the retention job runs before and after the period.
        host.Time.Advance(TimeSpan.FromDays(9));
        (await retention.RunOnceAsync(Ct)).ShouldBe(0);
        host.Time.Advance(TimeSpan.FromDays(2));
        (await retention.RunOnceAsync(Ct)).ShouldBe(1);
        (await retention.RunOnceAsync(Ct)).ShouldBe(0);

        // Then the closed case keeps its skeleton without the requester's data; the open case keeps everything.
        CaseDetailView purged = await (await moderator.GetAsync($"api/v1/cases/{removed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        purged.PurgedAt.ShouldBe(ServiceHost.Start.AddDays(11));
        (purged.Request.SignatureName, purged.Request.ContactEmail, purged.Request.GoodFaithStatement).ShouldBe((null, null, null));
        purged.Status.ShouldBe("removed");
        purged.Decisions.ShouldNotBeEmpty();
        purged.Bank.ShouldNotBeEmpty();
        purged.Items.ShouldHaveSingleItem().Location.ShouldBe("r.jpg");
        CaseDetailView kept = await (await moderator.GetAsync($"api/v1/cases/{open.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        kept.Request.ContactEmail.ShouldBe("olu@example.org");
        kept.PurgedAt.ShouldBeNull();
        List<Takedown.Server.Endpoints.AuditEventView> audit = await (await moderator.GetAsync($"api/v1/cases/{removed.CaseNumber}/audit", Ct)).ReadAsync<List<Takedown.Server.Endpoints.AuditEventView>>(Ct);
        audit.Single(e => e.Action == "case.personal_data_purged").Detail.ShouldContain("retention");
    }

    [Fact]
    public async Task Withdraw_Granted_PurgesPersonalDataAtOnce()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("w.jpg"), Ct);

        RequesterCaseView withdrawn = await (await client.PostAsync($"api/v1/requests/{filed.CaseNumber}/withdraw?token={filed.StatusToken}", null, Ct)).ReadAsync<RequesterCaseView>(Ct);

        withdrawn.Status.ShouldBe("withdrawn");
        CaseDetailView detail = await (await moderator.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        detail.PurgedAt.ShouldBe(ServiceHost.Start);
        detail.Request.ContactEmail.ShouldBeNull();
        detail.Request.SignatureName.ShouldBeNull();
    }

    [Fact]
    public async Task DeadlineMonitor_At90Percent_PagesOnCallOnce()
    {
        // Given an open US case (48 h).
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        SubmitResult filed = await Requests.FileAsync(client, Requests.Complete("p.jpg"), Ct);
        DeadlineMonitor monitor = host.Get<DeadlineMonitor>();
        OutboxDispatcher outbox = host.Get<OutboxDispatcher>();

        // When the clock passes 80% then 90%, and the monitor runs twice more.
        host.Time.Advance(TimeSpan.FromHours(40));
        await monitor.RunOnceAsync(Ct);
        await outbox.DispatchDueAsync(Ct);
        int pagesAt80 = host.Notifier.Sent.Count(s => s.Topic == "notify.oncall");
        host.Time.Advance(TimeSpan.FromHours(3.5));
        await monitor.RunOnceAsync(Ct);
        await monitor.RunOnceAsync(Ct);
        await outbox.DispatchDueAsync(Ct);

        // Then on-call is paged once, at 90%, for that case.
        pagesAt80.ShouldBe(0);
        (string _, string json, string _) = host.Notifier.Sent.Single(s => s.Topic == "notify.oncall");
        json.ShouldContain(filed.CaseNumber);
        json.ShouldContain("\"percent\":90");
    }
}
