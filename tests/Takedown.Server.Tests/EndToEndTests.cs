using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Takedown.Server.Endpoints;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

public sealed class EndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RemovalRequest_FullLifecycle_RemovesCopiesBlocksReuploadAndWithdrawalRestoresEverything()
    {
        // Given a platform with the reported photo, an exact copy, a resized copy and an unrelated picture.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        byte[] original = TestImages.Jpeg(seed: 1);
        byte[] resized = TestImages.Resized(original, 0.6);
        host.Upload("u/alice/photo.jpg", original);
        host.Upload("u/bob/repost.jpg", original);
        host.Upload("u/carol/small.jpg", resized);
        host.Upload("u/dave/cat.jpg", TestImages.Jpeg(seed: 2));
        using HttpClient requester = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient gate = host.WithKey(host.CheckKey);


        // When the person depicted files a request.
        HttpResponseMessage filed = await requester.PostAsJsonAsync("api/v1/requests", new
        {
            signatureName = "Robin Requester",
            signatureAttested = true,
            locations = new[] { "https://platform.example/content/u/alice/photo.jpg" },
            goodFaithStatement = "This photo of me was published without my consent.",
            goodFaithAttested = true,
            contactEmail = "robin.requester@example.org",
            jurisdiction = "US",
        }, Ct);
        filed.StatusCode.ShouldBe(HttpStatusCode.Created);
        SubmitResult submitted = await filed.ReadAsync<SubmitResult>(Ct);
        string caseNumber = submitted.CaseNumber;

        // Then the case is open with a 48-hour deadline from receipt.
        submitted.Status.ShouldBe("open");
        submitted.Missing.ShouldBeEmpty();
        submitted.ReceivedAt.ShouldBe(ServiceHost.Start);
        submitted.DueAt.ShouldBe(ServiceHost.Start.AddHours(48));

        // When a moderator takes it from the queue and removes it two hours later.
        IReadOnlyList<QueueEntryView> queue = await (await moderator.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct);
        queue.ShouldHaveSingleItem().CaseNumber.ShouldBe(caseNumber);
        queue[0].SecondsLeft.ShouldBe(48 * 3600);
        (await moderator.PostAsJsonAsync($"api/v1/cases/{caseNumber}/claim", new { force = false }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        host.Time.Advance(TimeSpan.FromHours(2));
        CaseDetailView removed = await (await moderator.PostAsJsonAsync($"api/v1/cases/{caseNumber}/decision",
            new { decision = "remove", reason = "Apparent NCII; requester is depicted.", checklist = Requests.Confirmed }, Ct)).ReadAsync<CaseDetailView>(Ct);

        // Then the content is gone from the platform, hashed into the bank, and the media is not kept.
        removed.Status.ShouldBe("removed");
        removed.Items.ShouldHaveSingleItem().Status.ShouldBe("removed");
        removed.Items[0].RemovedAt.ShouldBe(ServiceHost.Start.AddHours(2));
        removed.Bank.Select(b => b.Kind).Order().ShouldBe(["md5", "pdq", "sha256"]);
        host.IsLive("u/alice/photo.jpg").ShouldBeFalse();
        host.Platform.IsQuarantined("u/alice/photo.jpg").ShouldBeTrue();
        Directory.EnumerateFiles(Path.Combine(host.Directory, "data"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(host.Directory, "data"), f))
            .ShouldAllBe(f => f.StartsWith("takedown.db", StringComparison.Ordinal) || f == "takedown.key" ||
                              f.StartsWith("data-protection-keys", StringComparison.Ordinal));

        // When the copy search runs.
        (await host.Get<CopySweeper>().RunPendingAsync(Ct)).ShouldBe(1);
        await host.Get<OutboxDispatcher>().DispatchDueAsync(Ct);
        CaseDetailView swept = await (await moderator.GetAsync($"api/v1/cases/{caseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);

        // Then the exact copy is removed automatically and the resized copy waits for review; the unrelated picture is untouched.
        ItemView exact = swept.Items.Single(i => i.ContentId == "u/bob/repost.jpg");
        exact.Origin.ShouldBe("exact_copy");
        exact.Status.ShouldBe("removed");
        host.IsLive("u/bob/repost.jpg").ShouldBeFalse();
        ItemView near = swept.Items.Single(i => i.ContentId == "u/carol/small.jpg");
        near.Origin.ShouldBe("near_copy");
        near.Status.ShouldBe("needs_review");
        near.Distance!.Value.ShouldBeLessThanOrEqualTo(31);
        host.IsLive("u/carol/small.jpg").ShouldBeTrue();
        swept.Items.ShouldNotContain(i => i.ContentId == "u/dave/cat.jpg");
        host.IsLive("u/dave/cat.jpg").ShouldBeTrue();

        // And the near copy keeps the case in the queue under the same deadline, with warnings as time passes.
        (await (await moderator.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct)).ShouldHaveSingleItem().ItemsToReview.ShouldBe(1);
        host.Time.Advance(TimeSpan.FromHours(23));
        (await host.Get<DeadlineMonitor>().RunOnceAsync(Ct)).ShouldBe(1);
        (await host.Get<DeadlineMonitor>().RunOnceAsync(Ct)).ShouldBe(0);

        // When the resized picture is uploaded again somewhere else.
        using var upload = new ByteArrayContent(TestImages.Resized(original, 0.5, 70));
        upload.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        CheckResult reupload = await (await gate.PostAsync("api/v1/check?contentId=u/eve/again.jpg", upload, Ct)).ReadAsync<CheckResult>(Ct);
        using var unrelated = new ByteArrayContent(TestImages.Jpeg(seed: 3));
        unrelated.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        CheckResult fresh = await (await gate.PostAsync("api/v1/check", unrelated, Ct)).ReadAsync<CheckResult>(Ct);

        // Then it is blocked with the matching case; the unrelated upload is allowed.
        reupload.Decision.ShouldBe("block", $"distance {string.Join(",", reupload.Matches.Select(m => m.Distance))}, near copy at {near.Distance}");
        reupload.Matches[0].CaseNumber.ShouldBe(caseNumber);
        reupload.Matches[0].Kind.ShouldBe("pdq");
        fresh.Decision.ShouldBe("allow");

        // When the moderator confirms the near copy.
        (await moderator.PostAsJsonAsync($"api/v1/cases/{caseNumber}/items/{near.Id}/review", new { confirm = true, reason = "same picture, resized" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        host.IsLive("u/carol/small.jpg").ShouldBeFalse();

        // When the requester withdraws.
        using var withdraw = new HttpRequestMessage(HttpMethod.Post, $"api/v1/requests/{caseNumber}/withdraw");
        withdraw.Headers.Add(RequestEndpoints.TokenHeader, submitted.StatusToken);
        RequesterCaseView withdrawn = await (await requester.SendAsync(withdraw, Ct)).ReadAsync<RequesterCaseView>(Ct);

        // Then everything is restored and the hashes no longer block.
        withdrawn.Status.ShouldBe("withdrawn");
        host.IsLive("u/alice/photo.jpg").ShouldBeTrue();
        host.IsLive("u/bob/repost.jpg").ShouldBeTrue();
        host.IsLive("u/carol/small.jpg").ShouldBeTrue();
        using var again = new ByteArrayContent(TestImages.Resized(original, 0.5, 70));
        again.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        (await (await gate.PostAsync("api/v1/check", again, Ct)).ReadAsync<CheckResult>(Ct)).Decision.ShouldBe("allow");

        // And every step is in the audit log, whose chain verifies.
        List<AuditEventView> trail = await (await moderator.GetAsync($"api/v1/cases/{caseNumber}/audit", Ct)).ReadAsync<List<AuditEventView>>(Ct);
        string[] actions = trail.Select(e => e.Action).ToArray();
        string[] expected =
        [
            "case.created", "queue.read", "case.claimed", "decision.recorded", "item.removed", "sweep.finished", "item.copy_removed",
            "item.copy_queued", "deadline.warning", "item.copy_confirmed", "case.withdrawn", "item.restored", "bank.released", "case.read",
        ];
        foreach (string action in expected.Where(a => a != "queue.read"))
        {
            actions.ShouldContain(action);
        }

        trail.Count(e => e.Action == "item.restored").ShouldBe(3);
        trail.First(e => e.Action == "case.claimed").Actor.ShouldStartWith("key:");
        using HttpClient admin = host.WithKey(host.AdminKey);
        AuditVerification verification = await (await admin.GetAsync("api/v1/admin/audit/verify", Ct)).ReadAsync<AuditVerification>(Ct);
        verification.Intact.ShouldBeTrue();
        verification.Events.ShouldBeGreaterThanOrEqualTo(trail.Count);

        // And the uploaders' statements of reasons never name the requester.
        var uploaderNotices = host.Notifier.Sent.Where(n => n.Topic == "notify.uploader").ToList();
        uploaderNotices.Count.ShouldBeGreaterThanOrEqualTo(3);
        uploaderNotices.ShouldAllBe(n => !n.Json.Contains("Robin", StringComparison.Ordinal) && !n.Json.Contains("robin.requester", StringComparison.Ordinal));
        host.Notifier.Sent.ShouldContain(n => n.Topic == "notify.requester" && n.Json.Contains("robin.requester@example.org", StringComparison.Ordinal));
    }
}
