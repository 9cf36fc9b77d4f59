using System.Net;
using System.Net.Http.Json;
using System.Text;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Security;

/// <summary>
/// A request with distinctive personal data driven through the whole API, including its error paths: none of it may
/// reach the logs (captured at Trace level), a problem+json body, what the platform or uploader is told, or the
/// database file in plain text.
/// </summary>
public sealed class PersonalDataLeakTests
{
    private const string Name = "Xanthippe Leakcheck-Persona";
    private const string Email = "xanthippe.leakcheck.5150@example.org";
    private const string Description = "Description-leak-marker-6262 beach photo";
    private const string Other = "+44 7700 900777";
    private const string Statement = "Statement-leak-marker-1717";

    private static readonly string[] s_secrets = [Name, "Xanthippe", "Leakcheck", Email, "xanthippe.leakcheck", Description, "leak-marker-6262", Other, "900777", Statement];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullRequestLifecycle_WithErrors_NoPersonalDataInLogsProblemsOrAtRest()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        byte[] photo = TestImages.Jpeg(seed: 23);
        host.Upload("p/leak.jpg", photo);
        using HttpClient requester = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient gate = host.WithKey(host.CheckKey);
        using HttpClient platform = host.WithKey(host.ConnectorKey);
        var problems = new List<string>();
        var nonProblemsForOthers = new List<string>();

        async Task<HttpResponseMessage> Track(Task<HttpResponseMessage> call, bool toThirdParty = false)
        {
            HttpResponseMessage response = await call;
            string body = await response.Content.ReadAsStringAsync(Ct);
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json" || !response.IsSuccessStatusCode)
            {
                problems.Add($"{(int)response.StatusCode} {body}");
            }
            else if (toThirdParty)
            {
                nonProblemsForOthers.Add(body);
            }

            return response;
        }

        StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

        // An incomplete first filing (missing good-faith attestation), then supplemented.
        HttpResponseMessage first = await Track(requester.PostAsJsonAsync("api/v1/requests", new
        {
            signatureName = Name,
            signatureAttested = true,
            locations = new[] { "p/leak.jpg" },
            description = Description,
            contactEmail = Email,
            contactOther = Other,
        }, Ct));
        SubmitResult filed = await first.ReadAsync<SubmitResult>(Ct);
        filed.Missing.ShouldNotBeEmpty();
        await Track(requester.PostAsJsonAsync($"api/v1/requests/{filed.CaseNumber}/supplement?token={filed.StatusToken}",
            new { goodFaithStatement = Statement, goodFaithAttested = true, contactEmail = Email }, Ct));

        // Error paths carrying the personal data: malformed JSON, wrong types, a wrong token, an oversized field.
        await Track(requester.PostAsync("api/v1/requests", Json($"{{\"signatureName\": \"{Name}\", \"contactEmail\": \"{Email}\", "), Ct));
        await Track(requester.PostAsync("api/v1/requests", Json($"{{\"signatureName\": \"{Name}\", \"signatureAttested\": \"{Email}\"}}"), Ct));
        await Track(requester.PostAsync("api/v1/requests", Json($"{{\"contactEmail\": {{\"nested\": \"{Email}\"}}, \"description\": \"{Description}\"}}"), Ct));
        await Track(requester.PostAsJsonAsync($"api/v1/requests/{filed.CaseNumber}/supplement?token=wrong-token",
            new { contactEmail = Email, description = Description }, Ct));
        await Track(requester.GetAsync($"api/v1/requests/{filed.CaseNumber}?token={Uri.EscapeDataString(Email)}", Ct));
        await Track(requester.PostAsJsonAsync("api/v1/requests", new { signatureName = Name, description = Description + new string('x', 70_000), contactEmail = Email }, Ct));
        await Track(moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision", new { decision = Email, reason = Name }, Ct));
        await Track(moderator.PostAsJsonAsync("api/v1/cases/TD-0000-NOPE/notes", new { text = Description }, Ct));

        // The moderator works the case, the platform is told, the uploader checks and appeals, the requester withdraws.
        (await Track(requester.GetAsync($"api/v1/requests/{filed.CaseNumber}?token={filed.StatusToken}", Ct))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Track(moderator.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Track(moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "checked the requester's identity" }, Ct));
        (await Track(moderator.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/decision", new { decision = "remove", reason = "apparent NCII", checklist = Requests.Confirmed }, Ct)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        using var upload = new ByteArrayContent(photo);
        upload.Headers.ContentType = new("image/jpeg");
        string checkAnswer = await (await Track(gate.PostAsync("api/v1/check", upload, Ct), toThirdParty: true)).Content.ReadAsStringAsync(Ct);
        checkAnswer.ShouldContain("block");
        await Track(platform.PostAsJsonAsync("api/v1/appeals", new { caseNumber = filed.CaseNumber, contentId = "p/leak.jpg", statement = "It is my own photo." }, Ct),
            toThirdParty: true);
        (await Track(requester.PostAsync($"api/v1/requests/{filed.CaseNumber}/withdraw?token={filed.StatusToken}", null, Ct))).IsSuccessStatusCode.ShouldBeTrue();
        (await Track(moderator.GetAsync($"api/v1/cases/{filed.CaseNumber}/audit", Ct))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Track(moderator.GetAsync("api/v1/cases/queue", Ct));

        // Then: the error paths really were exercised...
        problems.Count.ShouldBeGreaterThanOrEqualTo(8);
        host.Logs.Lines.ShouldNotBeEmpty();

        // ...and no personal data is in any log line, problem body, answer to the platform or notification.
        string logs = string.Join('\n', host.Logs.Lines);
        string problemBodies = string.Join('\n', problems);
        // (Only the requester's own notifications may address them.)
        host.Notifier.Sent.ShouldContain(n => n.Topic == "notify.uploader");
        string thirdParty = string.Join('\n', nonProblemsForOthers.Concat(host.Notifier.Sent.Where(n => n.Topic != "notify.requester").Select(n => n.Json)));
        foreach (string secret in s_secrets)
        {
            host.Logs.Lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
            logs.ShouldNotContain(secret, Case.Insensitive);
            problemBodies.ShouldNotContain(secret, Case.Insensitive);
            thirdParty.ShouldNotContain(secret, Case.Insensitive);
        }

        logs.ShouldNotContain(filed.StatusToken);
        problemBodies.ShouldNotContain(filed.StatusToken);

        // ...nor in the database files (encrypted at rest).
        await host.Server.StopAsync(Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string file in Directory.GetFiles(Path.Combine(host.Directory, "data"), "takedown.db*"))
        {
            string raw = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct));
            raw.ShouldNotContain("xanthippe.leakcheck", Case.Insensitive);
            raw.ShouldNotContain("leak-marker-6262");
            raw.ShouldNotContain("Statement-leak-marker");
        }
    }
}
