using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Takedown.Server.Auth;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Product;

/// <summary>The moderator queue is ordered by time left only (product flow 2), in the API and on the page alike.</summary>
public sealed partial class QueueOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queue_JurisdictionsNoticesAndBreach_OrderedByTimeLeftInApiAndPage_ChannelShownAsText()
    {
        // Given requests under four deadlines, filed over five hours of a fake clock:
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient anonymous = host.Anonymous();
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        using HttpClient flagger = host.WithKey(await StaffSessions.CreateKeyAsync(host, "eSafety Commissioner", Roles.FlaggerScope, Ct));

        // t = 0: a US request (due +48 h) and an AU one (due +24 h).
        SubmitResult us = await Requests.FileAsync(anonymous, Requests.Complete("us.jpg", "U", "u@example.org"), Ct);
        SubmitResult au = await Requests.FileAsync(anonymous, WithJurisdiction("au.jpg", "AU"), Ct);

        // t = 1 h: a regulator's AU notice with its own 6-hour deadline (due +7 h) and a trusted flagger's US notice
        // (its 100 hours are longer than the law's 48, so due +49 h).
        host.Time.Advance(TimeSpan.FromHours(1));
        SubmitResult regulator = await FileNoticeAsync(flagger, "regulator", 6, WithJurisdiction("reg.jpg", "AU"));
        SubmitResult trusted = await FileNoticeAsync(flagger, "trusted_flagger", 100, Requests.Complete("tf.jpg", "Helpline", "help@example.org"));

        // t = 2 h: an Indian request (due +4 h); t = 3 h: a trusted flagger's notice due at +48 h, the US request's
        // deadline, received later.
        host.Time.Advance(TimeSpan.FromHours(1));
        SubmitResult india = await Requests.FileAsync(anonymous, WithJurisdiction("in.jpg", "IN"), Ct);
        host.Time.Advance(TimeSpan.FromHours(1));
        SubmitResult tie = await FileNoticeAsync(flagger, "trusted_flagger", 45, Requests.Complete("tie.jpg", "Helpline", "help@example.org"));

        // t = 5 h: the Indian deadline has passed and the deadline job records the breach.
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.Get<DeadlineMonitor>().RunOnceAsync(Ct);

        // When the moderator reads the queue through the API and the page.
        List<QueueEntryView> api = await (await moderator.GetAsync("api/v1/cases/queue", Ct)).ReadAsync<List<QueueEntryView>>(Ct);
        using HttpClient browser = await StaffSessions.SignInAsync(host, "mod", Roles.Moderator, Ct);
        string html = await (await browser.GetAsync("moderate", Ct)).Content.ReadAsStringAsync(Ct);

        // Then both order strictly by time left: breached first, then the earliest deadline, ties by receipt; the
        // channel never jumps the queue.
        string[] expected = [india.CaseNumber, regulator.CaseNumber, au.CaseNumber, us.CaseNumber, tie.CaseNumber, trusted.CaseNumber];
        api.Select(e => e.CaseNumber).ShouldBe(expected);
        api[0].SecondsLeft.ShouldBe(-3600);
        api.Select(e => e.DueAt).ShouldBe([.. api.Select(e => e.DueAt).Order()]);
        tie.DueAt.ShouldBe(us.DueAt);
        regulator.DueAt.ShouldBe(ServiceHost.Start.AddHours(7));
        au.DueAt.ShouldBe(ServiceHost.Start.AddHours(24));
        api.Select(e => e.Channel).ShouldBe(["public", "regulator", "public", "public", "trusted_flagger", "trusted_flagger"]);
        api.Select(e => e.Jurisdiction).ShouldBe(["IN", "AU", "AU", "US", "US", "US"]);

        List<(string CaseNumber, string Channel, string Text)> rows = PageRows(html);
        rows.Select(r => r.CaseNumber).ShouldBe(expected);
        rows.Select(r => r.Channel).ShouldBe(api.Select(e => e.Channel));
        rows[1].Text.ShouldContain("Regulator notice");
        rows[4].Text.ShouldContain("Trusted flagger");
        rows[0].Text.ShouldContain("Public request");
        rows[0].Text.ShouldContain("Overdue");
    }

    private static object WithJurisdiction(string location, string jurisdiction) => new
    {
        signatureName = "Sam",
        signatureAttested = true,
        locations = new[] { location },
        goodFaithStatement = "Published without my consent.",
        goodFaithAttested = true,
        contactEmail = $"{location}@example.org",
        jurisdiction,
    };

    private static async Task<SubmitResult> FileNoticeAsync(HttpClient flagger, string channel, int deadlineHours, object request) =>
        await (await flagger.PostAsJsonAsync("api/v1/notices", new { channel, deadlineHours, request }, Ct)).ReadAsync<SubmitResult>(Ct);

    /// <summary>The queue table's rows: case number, channel badge, and the row's visible text.</summary>
    internal static List<(string CaseNumber, string Channel, string Text)> PageRows(string html)
    {
        string body = QueueBody().Match(html).Groups[1].Value;
        var rows = new List<(string, string, string)>();
        foreach (Match row in Row().Matches(body))
        {
            string text = Tags().Replace(row.Value, " ");
            rows.Add((CaseLink().Match(row.Value).Groups[1].Value, ChannelAttribute().Match(row.Value).Groups[1].Value, text));
        }

        return rows;
    }

    [GeneratedRegex("<table class=\"table queue\" id=\"queue\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex QueueBody();

    [GeneratedRegex("<tr.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("href=\"/moderate/cases/([^\"]+)\"")]
    private static partial Regex CaseLink();

    [GeneratedRegex("data-channel=\"([^\"]+)\"")]
    private static partial Regex ChannelAttribute();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
