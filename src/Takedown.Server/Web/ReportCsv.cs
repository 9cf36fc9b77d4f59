using System.Globalization;
using System.Text;

namespace Takedown.Server.Web;

/// <summary>The reports page's charts as CSV (RFC 4180, UTC times, invariant culture), one file per chart.</summary>
internal static class ReportCsv
{
    /// <summary>Chart names, as used in <c>/admin/reports/{name}.csv</c>.</summary>
    public static IReadOnlyList<string> Charts { get; } = ["requests", "time-to-removal", "copies", "appeals"];

    /// <summary>Series names of each per-day chart.</summary>
    public static IReadOnlyList<string> SeriesOf(string chart) => chart switch
    {
        "requests" => ["requests"],
        "copies" => ["exact_copies_removed", "near_copies_queued", "near_copies_confirmed"],
        "appeals" => ["appeals_filed", "appeals_granted", "appeals_denied", "withdrawals"],
        _ => [],
    };

    /// <summary>The CSV text of <paramref name="chart"/>, or null for an unknown chart.</summary>
    public static string? Write(ReportData data, string chart) => chart switch
    {
        "requests" => PerDay(data.Requests, SeriesOf(chart)),
        "copies" => PerDay(data.Copies, SeriesOf(chart)),
        "appeals" => PerDay(data.Appeals, SeriesOf(chart)),
        "time-to-removal" => Removals(data),
        _ => null,
    };

    private static string PerDay(IReadOnlyList<DayValues> days, IReadOnlyList<string> series)
    {
        var csv = new StringBuilder("date,").Append(string.Join(',', series)).Append("\r\n");
        foreach (DayValues day in days)
        {
            csv.Append(day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (int value in day.Values)
            {
                csv.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
            }

            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Removals(ReportData data)
    {
        var csv = new StringBuilder("case_number,received_at,due_at,removed_at,hours_to_removal,within_deadline\r\n");
        foreach (CaseRemoval r in data.Removals)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{r.CaseNumber},{r.ReceivedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{r.DueAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{r.RemovedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{r.Hours:0.00},{(r.WithinDeadline ? "yes" : "no")}\r\n");
        }

        return csv.ToString();
    }
}
