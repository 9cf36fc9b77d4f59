namespace Takedown.Server.Web;

/// <summary>One day of a chart: a value per series.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Values">One value per series, in the chart's series order.</param>
internal sealed record DayValues(DateOnly Day, IReadOnlyList<int> Values);

/// <summary>One case's time from receipt to the first removal.</summary>
/// <param name="CaseNumber">Case number (not personal data).</param>
/// <param name="ReceivedAt">Receipt.</param>
/// <param name="DueAt">Deadline.</param>
/// <param name="RemovedAt">First removal of reported content.</param>
internal sealed record CaseRemoval(string CaseNumber, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, DateTimeOffset RemovedAt)
{
    /// <summary>Hours from receipt to removal.</summary>
    public double Hours => (RemovedAt - ReceivedAt).TotalHours;

    /// <summary>Whether the removal met the deadline.</summary>
    public bool WithinDeadline => RemovedAt <= DueAt;
}

/// <summary>The figures of the reports page for a window of days (RPT-2 US-facing metrics).</summary>
internal sealed record ReportData
{
    /// <summary>First day (UTC).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last day (UTC), inclusive.</summary>
    public required DateOnly To { get; init; }

    /// <summary>Requests received per day (one series).</summary>
    public required IReadOnlyList<DayValues> Requests { get; init; }

    /// <summary>Cases whose reported content was removed in the window.</summary>
    public required IReadOnlyList<CaseRemoval> Removals { get; init; }

    /// <summary>Copies per day: exact copies removed automatically, near copies queued, near copies confirmed.</summary>
    public required IReadOnlyList<DayValues> Copies { get; init; }

    /// <summary>Per day: appeals filed, appeals granted (reversals), appeals denied, withdrawals.</summary>
    public required IReadOnlyList<DayValues> Appeals { get; init; }

    /// <summary>Total requests.</summary>
    public int RequestCount => Requests.Sum(d => d.Values[0]);

    /// <summary>Median hours to removal (mean of the two middle values for an even count); null without removals.</summary>
    public double? MedianHours => Removals.Count == 0 ? null : Median(Removals.Select(r => r.Hours).Order().ToArray());

    /// <summary>95th percentile of hours to removal (nearest rank); null without removals.</summary>
    public double? P95Hours => Removals.Count == 0 ? null : NearestRank(Removals.Select(r => r.Hours).Order().ToArray(), 0.95);

    /// <summary>Share of removals within the deadline, 0..1; null without removals.</summary>
    public double? ShareWithinDeadline => Removals.Count == 0 ? null : (double)Removals.Count(r => r.WithinDeadline) / Removals.Count;

    /// <summary>Total of one series of a chart.</summary>
    public static int Total(IReadOnlyList<DayValues> days, int series) => days.Sum(d => d.Values[series]);

    /// <summary>The median of sorted values.</summary>
    public static double Median(double[] sorted)
    {
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The nearest-rank percentile of sorted values (<paramref name="p"/> in 0..1).</summary>
    public static double NearestRank(double[] sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
