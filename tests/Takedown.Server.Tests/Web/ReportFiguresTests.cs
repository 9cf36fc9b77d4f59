using Takedown.Hashing.Pdq;
using Takedown.Server.Web;

namespace Takedown.Server.Tests.Web;

/// <summary>The report arithmetic and formats, and the device-hash field parsing, without a browser.</summary>
public sealed class ReportFiguresTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(new double[] { 5 }, 5, 5)]
    [InlineData(new double[] { 1, 3 }, 2, 3)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5.5, 10)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 }, 11, 20)]
    public void MedianAndNearestRank_SortedHours_MatchDefinitions(double[] hours, double median, double p95)
    {
        // Given removals taking these hours, When the report summarises them
        ReportData data = WithRemovals(hours.Select(h => (h, 48.0)).ToArray());

        // Then median is the middle value (mean of the two middle ones) and p95 the nearest rank
        data.MedianHours!.Value.ShouldBe(median, 1e-9);
        data.P95Hours!.Value.ShouldBe(p95, 1e-9);
    }

    [Fact]
    public void ShareWithinDeadline_OneOfFourLate_IsThreeQuarters()
    {
        // Given four removals, one after its 24-hour deadline
        ReportData data = WithRemovals([(1, 24), (10, 24), (23.9, 24), (25, 24)]);

        // Then three quarters met the deadline
        data.ShareWithinDeadline!.Value.ShouldBe(0.75, 1e-9);
        ReportCsv.Write(data, "time-to-removal")!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Last().ShouldEndWith(",25.00,no");
    }

    [Fact]
    public void Figures_NoRemovals_AreUnknownNotZero()
    {
        ReportData data = WithRemovals([]);
        data.MedianHours.ShouldBeNull();
        data.P95Hours.ShouldBeNull();
        data.ShareWithinDeadline.ShouldBeNull();
    }

    [Fact]
    public void Write_PerDayChart_HeaderAndOneLinePerDay()
    {
        // Given two days of appeals figures
        ReportData data = WithRemovals([]) with
        {
            Appeals = [new(new DateOnly(2026, 6, 1), [1, 0, 1, 0]), new(new DateOnly(2026, 6, 2), [2, 1, 0, 3])],
        };

        // When written as CSV
        string csv = ReportCsv.Write(data, "appeals")!;

        // Then it has the header and the values in series order
        csv.ShouldBe("date,appeals_filed,appeals_granted,appeals_denied,withdrawals\r\n2026-06-01,1,0,1,0\r\n2026-06-02,2,1,0,3\r\n");
        ReportCsv.Write(data, "nonsense").ShouldBeNull();
    }

    [Fact]
    public void Parse_DeviceHashField_KeepsWellFormedDistinctHashesOnly()
    {
        // Given a field with a good line, a duplicate, a short hash, a bad quality and junk
        string good = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
        string field = $"{good},100\n{good},100\nabc,50\n{good.Replace('d', 'e')},101\n<script>,1\n";

        // When parsed
        IReadOnlyList<PdqResult> hashes = DeviceHashes.Parse(field);

        // Then only the good hash remains, and the note records it
        hashes.ShouldHaveSingleItem().ShouldBe(new PdqResult(PdqHash.Parse(good), 100));
        DeviceHashes.ToNote(hashes).ShouldEndWith($"\npdq {good} quality 100");
        DeviceHashes.Parse(string.Concat(Enumerable.Range(0, 30).Select(i => $"{i:x64},90\n"))).Count.ShouldBe(DeviceHashes.MaxHashes);
    }

    [Theory]
    [InlineData(172_790, "47 h 59 min left")]
    [InlineData(172_800, "48 h left")]
    [InlineData(59 * 60 + 59, "59 min left")]
    [InlineData(-3_900, "overdue by 1 h 5 min")]
    public void TimeLeft_Seconds_PlainWords(long seconds, string expected) => PlainWords.TimeLeft(seconds).ShouldBe(expected);

    [Theory]
    [InlineData(0.0, "ok")]
    [InlineData(0.5, "soon")]
    [InlineData(0.85, "urgent")]
    [InlineData(1.01, "overdue")]
    public void Urgency_FractionOfDeadlineUsed_Class(double used, string expected) =>
        PlainWords.Urgency(s_t0, s_t0.AddHours(48), s_t0.AddHours(48 * used)).ShouldBe(expected);

    private static ReportData WithRemovals((double Hours, double DeadlineHours)[] removals) => new()
    {
        From = new DateOnly(2026, 6, 1),
        To = new DateOnly(2026, 6, 30),
        Requests = [],
        Copies = [],
        Appeals = [],
        Removals = removals.Select((r, i) => new CaseRemoval($"TD-0000-{i:0000}", s_t0, s_t0.AddHours(r.DeadlineHours), s_t0.AddHours(r.Hours))).ToList(),
    };
}
