using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Takedown.Server.Endpoints;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

/// <summary>
/// Runs <c>takedown serve</c> as a separate process, kills it with SIGKILL in the middle of a burst of submissions
/// and decisions, restarts it on the same data, and checks that nothing acknowledged was lost and nothing is
/// half-applied.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const string AdminPassword = "crash-test-admin-password";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "takedown-crash-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_KilledMidBurst_LosesNothingAcknowledgedAndLeavesNothingHalfApplied()
    {
        // Given a running service and a moderator key.
        int port = FreePort();
        using Process first = StartServe(port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await WaitHealthyAsync(http, first);
        string key = await CreateModeratorKeyAsync(http);
        using var moderator = new HttpClient { BaseAddress = http.BaseAddress };
        moderator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // When clients file requests and moderators decide as fast as they can, and the process is killed mid-burst.
        var filed = new ConcurrentDictionary<string, string>();
        var decided = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();
        async Task FileLoopAsync(int worker)
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    HttpResponseMessage response = await http.PostAsJsonAsync("api/v1/requests", Requests.Complete($"users/w{worker}/{i}.jpg"), stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        SubmitResult result = (await response.Content.ReadFromJsonAsync<SubmitResult>(stop.Token))!;
                        filed[result.CaseNumber] = result.StatusToken;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
                {
                    return; // The server died; whatever was not acknowledged may or may not exist.
                }
            }
        }

        async Task DecideLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                string? next = filed.Keys.FirstOrDefault(k => !decided.ContainsKey(k));
                if (next is null)
                {
                    await Task.Yield();
                    continue;
                }

                string decision = next.GetHashCode(StringComparison.Ordinal) % 2 == 0 ? "reject" : "remove";
                try
                {
                    decided[next] = "pending";
                    HttpResponseMessage response = await moderator.PostAsJsonAsync($"api/v1/cases/{next}/decision", new { decision, reason = "crash test", checklist = decision == "remove" ? Requests.Confirmed : null }, stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        decided[next] = decision;
                    }
                    else
                    {
                        decided.TryRemove(next, out _);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    decided.TryRemove(next, out _);
                    return;
                }
            }
        }

        Task[] workers = [.. Enumerable.Range(0, 6).Select(FileLoopAsync), DecideLoopAsync(), DecideLoopAsync()];
        while (filed.Count < 40 || decided.Values.Count(v => v != "pending") < 10)
        {
            await Task.Delay(20, Ct);
            first.HasExited.ShouldBeFalse("the server exited by itself");
        }

        first.Kill(); // SIGKILL on Unix: no shutdown, no flush.
        await first.WaitForExitAsync(Ct);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Dictionary<string, string> acknowledgedDecisions = decided.Where(d => d.Value != "pending").ToDictionary();

        // Then after a restart on the same data every acknowledged request and decision is there...
        using Process second = StartServe(port);
        try
        {
            await WaitHealthyAsync(http, second);
            foreach ((string caseNumber, string token) in filed)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/requests/{caseNumber}");
                request.Headers.Add(RequestEndpoints.TokenHeader, token);
                HttpResponseMessage status = await http.SendAsync(request, Ct);
                status.StatusCode.ShouldBe(HttpStatusCode.OK, $"acknowledged case {caseNumber} lost");
                RequesterCaseView view = (await status.Content.ReadFromJsonAsync<RequesterCaseView>(Ct))!;
                if (acknowledgedDecisions.TryGetValue(caseNumber, out string? decision))
                {
                    view.Status.ShouldBe(decision == "reject" ? "rejected" : "removed", caseNumber);
                }
            }

            // ...and every case is whole: a decided case has its decision, item states and audit events together.
            foreach (string caseNumber in filed.Keys)
            {
                CaseDetailView detail = (await moderator.GetFromJsonAsync<CaseDetailView>($"api/v1/cases/{caseNumber}", Ct))!;
                List<AuditEventView> trail = (await moderator.GetFromJsonAsync<List<AuditEventView>>($"api/v1/cases/{caseNumber}/audit", Ct))!;
                trail.ShouldContain(e => e.Action == "case.created");
                bool hasDecision = detail.Decisions.Any(d => d.ItemId is null);
                (detail.Status is "rejected" or "removed").ShouldBe(hasDecision, caseNumber);
                trail.Any(e => e.Action == "decision.recorded").ShouldBe(hasDecision, caseNumber);
                if (detail.Status == "rejected")
                {
                    detail.Items.ShouldAllBe(i => i.Status == "kept");
                }
                else if (detail.Status == "removed")
                {
                    detail.Items.ShouldAllBe(i => i.Status == "not_found");
                }
                else
                {
                    detail.Items.ShouldAllBe(i => i.Status == "pending");
                }
            }

            using var admin = new HttpClient { BaseAddress = http.BaseAddress };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            AuditVerification verification = (await admin.GetFromJsonAsync<AuditVerification>("api/v1/admin/audit/verify", Ct))!;
            verification.Intact.ShouldBeTrue();
            filed.Count.ShouldBeGreaterThanOrEqualTo(40);
            acknowledgedDecisions.Count.ShouldBeGreaterThanOrEqualTo(10);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync(Ct);
        }
    }

    private Process StartServe(int port)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "takedown.dll");
        File.Exists(cli).ShouldBeTrue($"the CLI should be built next to the tests: {cli}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { cli, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", _directory, "--platform-dir", Path.Combine(_directory, "platform") })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TAKEDOWN_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["Takedown__PublicPermitsPerMinute"] = "1000000";
        Directory.CreateDirectory(Path.Combine(_directory, "platform", "keep"));
        File.WriteAllBytes(Path.Combine(_directory, "platform", "keep", "placeholder.bin"), [0]);
        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process process)
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            process.HasExited.ShouldBeFalse("takedown serve exited during start-up");
            try
            {
                if ((await http.GetAsync("healthz", Ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("takedown serve did not become healthy in 60 s");
    }

    private static async Task<string> CreateModeratorKeyAsync(HttpClient http)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var admin = new HttpClient(handler) { BaseAddress = http.BaseAddress };
        // serve creates the first admin just after Kestrel starts answering /healthz: retry the login briefly.
        HttpStatusCode status = HttpStatusCode.Unauthorized;
        for (int attempt = 0; attempt < 60 && status == HttpStatusCode.Unauthorized; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(500, Ct);
            }

            status = (await admin.PostAsJsonAsync("api/v1/auth/login", new { username = "admin", password = AdminPassword }, Ct)).StatusCode;
        }

        status.ShouldBe(HttpStatusCode.OK);
        await Security.CookieSessions.UseAntiforgeryAsync(admin, Ct);
        CreatedApiKey created = (await (await admin.PostAsJsonAsync("api/v1/admin/api-keys", new { name = "crash test", scopes = new[] { "moderator", "admin" } }, Ct))
            .Content.ReadFromJsonAsync<CreatedApiKey>(Ct))!;
        return created.Key;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
