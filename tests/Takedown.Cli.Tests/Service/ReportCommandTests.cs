using System.Globalization;
using System.Text.Json;
using Takedown.Core.Cases;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Cli.Tests.Service;

public sealed class ReportCommandTests
{
    private static readonly DateTimeOffset s_june = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Two cases in June: one removed after 10 h (in time), one after 72 h (late, deadline 48 h); one exact copy;
    /// one appeal granted; plus a case in May outside the range.
    /// </summary>
    private static async Task SeedAsync(ServiceDataDirectory data)
    {
        await using var store = await data.OpenStoreAsync(Ct);
        await using ITakedownSession s = await store.BeginAsync(write: true, Ct);
        await CaseAsync(s, s_june.AddDays(-20), removedAfterHours: 5);
        string first = await CaseAsync(s, s_june, removedAfterHours: 10);
        string second = await CaseAsync(s, s_june.AddDays(1), removedAfterHours: 72);
        await s.AppendAuditAsync("system", "item.copy_removed", first, "{}", s_june.AddHours(11), Ct);
        await s.AppendAuditAsync("uploader", "appeal.filed", second, "{}", s_june.AddDays(5), Ct);
        await s.AppendAuditAsync("moderator", "appeal.granted", second, "{}", s_june.AddDays(6), Ct);
        await s.CommitAsync(Ct);
    }

    private static async Task<string> CaseAsync(ITakedownSession s, DateTimeOffset received, int removedAfterHours)
    {
        CaseRecord c = await ServiceDataDirectory.InsertCaseAsync(s, CaseStatus.Removed, received, Ct);
        string due = received.AddHours(48).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        await s.AppendAuditAsync("public", "case.created", c.CaseNumber, $$"""{"dueAt":"{{due}}"}""", received, Ct);
        await s.AppendAuditAsync("moderator", "item.removed", c.CaseNumber, "{}", received.AddHours(removedAfterHours), Ct);
        return c.CaseNumber;
    }

    [Fact]
    public async Task Report_Json_GivesJuneFigures()
    {
        await using var data = new ServiceDataDirectory();
        await SeedAsync(data);

        (int exit, string output, string error) = await ServiceDataDirectory.RunAsync("report", "--data-dir", data.Root, "--from", "2026-06-01", "--to", "2026-06-30", "--format", "json");

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("from").GetString().ShouldBe("2026-06-01");
        root.GetProperty("to").GetString().ShouldBe("2026-06-30");
        root.GetProperty("requestsReceived").GetInt32().ShouldBe(2);
        root.GetProperty("casesRemoved").GetInt32().ShouldBe(2);
        root.GetProperty("medianHoursToRemoval").GetDouble().ShouldBe(41);
        root.GetProperty("p95HoursToRemoval").GetDouble().ShouldBe(72);
        root.GetProperty("shareWithinDeadline").GetDouble().ShouldBe(0.5);
        root.GetProperty("exactCopiesRemoved").GetInt32().ShouldBe(1);
        root.GetProperty("appealsFiled").GetInt32().ShouldBe(1);
        root.GetProperty("appealsGranted").GetInt32().ShouldBe(1);
        root.GetProperty("withdrawals").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Report_CsvAndTable_ShowTheSameFigures_AndEmptyRangeHasNoTimes()
    {
        await using var data = new ServiceDataDirectory();
        await SeedAsync(data);

        (int exit, string csv, _) = await ServiceDataDirectory.RunAsync("report", "--data-dir", data.Root, "--from", "2026-06-01", "--to", "2026-06-30", "--format", "csv");
        exit.ShouldBe(0);
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("metric,value");
        lines.ShouldContain("requests_received,2");
        lines.ShouldContain("median_hours_to_removal,41");
        lines.ShouldContain("share_within_deadline,0.5");
        lines.ShouldContain("appeals_granted,1");

        (exit, string table, _) = await ServiceDataDirectory.RunAsync("report", "--data-dir", data.Root, "--from", "2026-06-01", "--to", "2026-06-30");
        exit.ShouldBe(0);
        table.ShouldContain("2026-06-01 to 2026-06-30");
        table.ShouldContain("Median time to removal (hours)");
        table.ShouldContain("41.00");
        table.ShouldContain("50.0%");

        // May holds only the earlier case; a range without removals prints no times.
        (_, csv, _) = await ServiceDataDirectory.RunAsync("report", "--data-dir", data.Root, "--from", "2026-05-01", "--to", "2026-05-31", "--format", "csv");
        csv.ShouldContain("requests_received,1\r\n");
        csv.ShouldContain("median_hours_to_removal,5\r\n");
        (_, csv, _) = await ServiceDataDirectory.RunAsync("report", "--data-dir", data.Root, "--from", "2026-07-01", "--to", "2026-07-31", "--format", "csv");
        csv.ShouldContain("requests_received,0\r\n");
        csv.ShouldContain("median_hours_to_removal,\r\n");
    }

    [Fact]
    public async Task Report_BadRangeOrFormat_IsRefused()
    {
        await using var data = new ServiceDataDirectory();

        (int exit, _, string error) = await ServiceDataDirectory.RunAsync("report", "--data-dir", data.Root, "--from", "2026-06-30", "--to", "2026-06-01");
        exit.ShouldBe(2);
        error.ShouldContain("--from must be on or before --to");

        (exit, _, _) = await ServiceDataDirectory.RunAsync("report", "--data-dir", data.Root, "--format", "xml");
        exit.ShouldNotBe(0);
    }
}
