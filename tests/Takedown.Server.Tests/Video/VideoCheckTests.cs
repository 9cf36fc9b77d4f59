using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Takedown.Hashing.Video;
using Takedown.Server.Endpoints;
using Takedown.Server.Matching;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Video;

/// <summary>Video through the service over real HTTP with real FFmpeg: removal, /check, copy sweep, withdrawal, limits.</summary>
public sealed class VideoCheckTests(TestVideos videos) : IClassFixture<TestVideos>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ByteArrayContent Body(byte[] bytes, string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    [Fact]
    public async Task RemovedVideo_BlocksReencodedReupload_SweepFindsCopies_WithdrawalReleases()
    {
        // Given a platform with the reported video, a byte-identical copy, a re-encoded copy and an unrelated video.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        host.Upload("u/alice/clip.mp4", videos.Original);
        host.Upload("u/erin/same.mp4", videos.Original);
        host.Upload("u/bob/smaller.mp4", videos.Reencoded);
        host.Upload("u/dave/fractal.mp4", videos.Unrelated);
        using HttpClient requester = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient gate = host.WithKey(host.CheckKey);

        // When the video is reported and removed.
        SubmitResult submitted = await Requests.FileAsync(requester, Requests.Complete("https://platform.example/content/u/alice/clip.mp4"), Ct);
        CaseDetailView removed = await RemoveAsync(moderator, submitted.CaseNumber);

        // Then its vPDQ and exact hashes are banked and the node's video index holds it.
        removed.Items.ShouldHaveSingleItem().Status.ShouldBe("removed");
        removed.Bank.Select(b => b.Kind).Order().ShouldBe(["md5", "sha256", "vpdq"]);
        host.Get<BankIndex>().VideoCount.ShouldBe(1);
        host.IsLive("u/alice/clip.mp4").ShouldBeFalse();

        // When the re-encoded (smaller, lower bitrate) video and the unrelated one are uploaded.
        CheckResult reupload = await (await gate.PostAsync("api/v1/check?contentId=u/eve/again.mp4", Body(videos.Reencoded), Ct)).ReadAsync<CheckResult>(Ct);
        CheckResult unrelated = await (await gate.PostAsync("api/v1/check", Body(videos.Unrelated, "video/mp4"), Ct)).ReadAsync<CheckResult>(Ct);

        // Then the re-encode is blocked by vPDQ with its case and percentages; the unrelated video is allowed.
        reupload.Decision.ShouldBe("block");
        CheckMatch match = reupload.Matches.ShouldHaveSingleItem();
        match.CaseNumber.ShouldBe(submitted.CaseNumber);
        match.Kind.ShouldBe("vpdq");
        match.QueryMatchPercent!.Value.ShouldBeGreaterThanOrEqualTo(80);
        match.ComparedMatchPercent!.Value.ShouldBeGreaterThan(0);
        unrelated.Decision.ShouldBe("allow");
        unrelated.Matches.ShouldBeEmpty();

        // When the copy search runs.
        (await host.Get<CopySweeper>().RunPendingAsync(Ct)).ShouldBe(1);
        await host.Get<OutboxDispatcher>().DispatchDueAsync(Ct);
        CaseDetailView swept = await (await moderator.GetAsync($"api/v1/cases/{submitted.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);

        // Then the byte-identical copy is removed, the re-encode (on the platform and the one registered by /check)
        // waits for review under the same deadline, and the unrelated video is untouched.
        ItemView exact = swept.Items.Single(i => i.ContentId == "u/erin/same.mp4");
        (exact.Origin, exact.Status).ShouldBe(("exact_copy", "removed"));
        host.IsLive("u/erin/same.mp4").ShouldBeFalse();
        ItemView near = swept.Items.Single(i => i.ContentId == "u/bob/smaller.mp4");
        (near.Origin, near.Status).ShouldBe(("near_copy", "needs_review"));
        host.IsLive("u/bob/smaller.mp4").ShouldBeTrue();
        swept.Items.Single(i => i.ContentId == "u/eve/again.mp4").Status.ShouldBe("needs_review");
        swept.Items.ShouldNotContain(i => i.ContentId == "u/dave/fractal.mp4");
        List<AuditEventView> trail = await (await moderator.GetAsync($"api/v1/cases/{submitted.CaseNumber}/audit", Ct)).ReadAsync<List<AuditEventView>>(Ct);
        trail.ShouldContain(e => e.Action == "item.copy_queued" && e.Detail.Contains("vpdq", StringComparison.Ordinal));

        // When the requester withdraws.
        using var withdraw = new HttpRequestMessage(HttpMethod.Post, $"api/v1/requests/{submitted.CaseNumber}/withdraw");
        withdraw.Headers.Add(RequestEndpoints.TokenHeader, submitted.StatusToken);
        (await (await requester.SendAsync(withdraw, Ct)).ReadAsync<RequesterCaseView>(Ct)).Status.ShouldBe("withdrawn");

        // Then the video is released from every index and the re-encode is allowed again.
        host.Get<BankIndex>().VideoCount.ShouldBe(0);
        host.IsLive("u/alice/clip.mp4").ShouldBeTrue();
        (await (await gate.PostAsync("api/v1/check", Body(videos.Reencoded), Ct)).ReadAsync<CheckResult>(Ct)).Decision.ShouldBe("allow");
        ChildProcesses.LiveFfmpeg().ShouldBeEmpty();
        ChildProcesses.LeftoverTempDirectories().ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckVideoHashes_PrecomputedFrames_MatchLikeTheBytes_AndHmaHashReturnsVpdqSignal()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        host.Upload("u/alice/clip.mp4", videos.Original);
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient gate = host.WithKey(host.CheckKey);
        SubmitResult submitted = await Requests.FileAsync(host.Anonymous(), Requests.Complete("https://platform.example/content/u/alice/clip.mp4"), Ct);
        await RemoveAsync(moderator, submitted.CaseNumber);

        // The platform hashed the re-encode itself (as `takedown hash` does) and sends only the frame hashes.
        VideoHashResult hashed = await VideoHasher.HashAsync(videos.PathOf("reencoded.mp4"), cancellationToken: Ct);
        var frames = hashed.Frames.Select(f => new { frame = f.FrameNumber, quality = f.Quality, hash = f.Hash.ToString(), timestamp = f.Timestamp }).ToArray();
        CheckResult result = await (await gate.PostAsJsonAsync("api/v1/check", new { vpdq = frames }, Ct)).ReadAsync<CheckResult>(Ct);
        result.Decision.ShouldBe("block");
        result.Matches.ShouldHaveSingleItem().Kind.ShouldBe("vpdq");

        // Malformed frames are a 400 problem.
        HttpResponseMessage bad = await gate.PostAsJsonAsync("api/v1/check", new { vpdq = new[] { new { frame = 0, quality = 100, hash = "xyz", timestamp = 0.0 } } }, Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        // HMA's /h/hash gives a video's vpdq signal in python-threatexchange's form, next to video_md5.
        using var form = new MultipartFormDataContent { { new ByteArrayContent(videos.Original), "video", "clip.mp4" } };
        Dictionary<string, string> signals = await (await gate.PostAsync("h/hash", form, Ct)).ReadAsync<Dictionary<string, string>>(Ct);
        signals.Keys.Order().ShouldBe(["video_md5", "vpdq"]);
        List<VideoFrameHash> signal = VpdqFormat.ParseSignalString(signals["vpdq"]);
        VideoHashResult original = await VideoHasher.HashAsync(videos.PathOf("original.mp4"), cancellationToken: Ct);
        signal.Select(f => f.Hash).ShouldBe(original.Frames.Select(f => f.Hash));
    }

    [Fact]
    public async Task CheckVideo_HostileBytes_AreProblems_AndLeaveNoFfmpegOrTempFile()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.MaxVideoBytes = 100_000, Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);
        byte[] truncated = videos.Original[..(videos.Original.Length / 2)];
        byte[] notMedia = new byte[4096];
        new Random(7).NextBytes(notMedia);
        byte[] tooLarge = new byte[150_000];
        videos.Original.AsSpan(0, 4096).CopyTo(tooLarge);

        (HttpStatusCode Status, string Detail) truncatedAnswer = await ProblemAsync(gate, truncated, "application/octet-stream");
        (HttpStatusCode Status, string Detail) notMediaAnswer = await ProblemAsync(gate, notMedia, "video/mp4");
        (HttpStatusCode Status, string Detail) audioAnswer = await ProblemAsync(gate, videos.AudioOnly, "application/octet-stream");
        (HttpStatusCode Status, string Detail) largeAnswer = await ProblemAsync(gate, tooLarge, "application/octet-stream");

        truncatedAnswer.Status.ShouldBe(HttpStatusCode.BadRequest);
        truncatedAnswer.Detail.ShouldContain("FFmpeg cannot read it");
        notMediaAnswer.Status.ShouldBe(HttpStatusCode.BadRequest);
        notMediaAnswer.Detail.ShouldContain("FFmpeg cannot read it");
        audioAnswer.Status.ShouldBe(HttpStatusCode.BadRequest);
        audioAnswer.Detail.ShouldContain("no video stream");
        largeAnswer.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        ChildProcesses.LiveFfmpeg().ShouldBeEmpty();
        ChildProcesses.LeftoverTempDirectories().ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckVideo_AllSlotsBusy_Is503WithRetryAfter_AndImageChecksStillAnswer()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.VideoBusyRetryAfterSeconds = 7, Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);
        SemaphoreSlim slots = host.Get<MediaHasher>().VideoSlots;
        await slots.WaitAsync(Ct);
        HttpResponseMessage busy;
        HttpResponseMessage image;
        try
        {
            busy = await gate.PostAsync("api/v1/check", Body(videos.Original), Ct);
            image = await gate.PostAsync("api/v1/check", Body(TestImages.Jpeg(seed: 4), "image/jpeg"), Ct);
        }
        finally
        {
            slots.Release();
        }

        busy.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        busy.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        busy.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        (await image.ReadAsync<CheckResult>(Ct)).Decision.ShouldBe("allow");
        (await (await gate.PostAsync("api/v1/check", Body(videos.Original), Ct)).ReadAsync<CheckResult>(Ct)).Decision.ShouldBe("allow");
    }

    /// <summary>A removal decision with the reviewer checklist confirmed.</summary>
    private static async Task<CaseDetailView> RemoveAsync(HttpClient moderator, string caseNumber) =>
        await (await moderator.PostAsJsonAsync($"api/v1/cases/{caseNumber}/decision", new
        {
            decision = "remove",
            reason = "Apparent NCII video.",
            checklist = new { depictedOrAuthorised = true, intimate = true, nonConsent = true },
        }, Ct)).ReadAsync<CaseDetailView>(Ct);

    private static async Task<(HttpStatusCode Status, string Detail)> ProblemAsync(HttpClient gate, byte[] bytes, string contentType)
    {
        HttpResponseMessage response = await gate.PostAsync("api/v1/check", Body(bytes, contentType), Ct);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, problem.RootElement.TryGetProperty("detail", out JsonElement detail) ? detail.GetString() ?? "" : "");
    }
}
