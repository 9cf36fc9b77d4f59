using System.Globalization;
using Takedown.Server.Web;

namespace Takedown.Cli.Service;

/// <summary>How a figure is written.</summary>
internal enum FigureUnit
{
    /// <summary>A whole count.</summary>
    Count,

    /// <summary>Hours (two decimals).</summary>
    Hours,

    /// <summary>A share 0..1 (shown as a percentage in the table).</summary>
    Share,
}

/// <summary>One figure of <c>takedown report</c>.</summary>
/// <param name="Key">CSV name (snake_case).</param>
/// <param name="JsonName">JSON property name (camelCase).</param>
/// <param name="Label">Table label.</param>
/// <param name="Value">The value; null when it is not defined (no removal in the range).</param>
/// <param name="Unit">How to write it.</param>
internal sealed record ReportFigure(string Key, string JsonName, string Label, double? Value, FigureUnit Unit)
{
    /// <summary>The figures of a report, in the order printed.</summary>
    public static IReadOnlyList<ReportFigure> Of(ReportData data) =>
    [
        new("requests_received", "requestsReceived", "Removal requests received", data.RequestCount, FigureUnit.Count),
        new("cases_removed", "casesRemoved", "Cases with reported content removed", data.Removals.Count, FigureUnit.Count),
        new("median_hours_to_removal", "medianHoursToRemoval", "Median time to removal (hours)", data.MedianHours, FigureUnit.Hours),
        new("p95_hours_to_removal", "p95HoursToRemoval", "95th percentile time to removal (hours)", data.P95Hours, FigureUnit.Hours),
        new("share_within_deadline", "shareWithinDeadline", "Removed within the deadline", data.ShareWithinDeadline, FigureUnit.Share),
        new("exact_copies_removed", "exactCopiesRemoved", "Exact copies found and removed", ReportData.Total(data.Copies, 0), FigureUnit.Count),
        new("near_copies_queued", "nearCopiesQueued", "Near copies found and queued for review", ReportData.Total(data.Copies, 1), FigureUnit.Count),
        new("near_copies_confirmed", "nearCopiesConfirmed", "Near copies confirmed and removed", ReportData.Total(data.Copies, 2), FigureUnit.Count),
        new("appeals_filed", "appealsFiled", "Appeals filed", ReportData.Total(data.Appeals, 0), FigureUnit.Count),
        new("appeals_granted", "appealsGranted", "Appeals granted (reversals)", ReportData.Total(data.Appeals, 1), FigureUnit.Count),
        new("appeals_denied", "appealsDenied", "Appeals denied", ReportData.Total(data.Appeals, 2), FigureUnit.Count),
        new("withdrawals", "withdrawals", "Requests withdrawn", ReportData.Total(data.Appeals, 3), FigureUnit.Count),
    ];

    /// <summary>The value for CSV: invariant culture, empty when undefined.</summary>
    public string Invariant() => Value switch
    {
        null => string.Empty,
        { } v when Unit == FigureUnit.Count => v.ToString("0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>The value for the table.</summary>
    public string Display() => Value switch
    {
        null => "n/a",
        { } v when Unit == FigureUnit.Share => v.ToString("0.0%", CultureInfo.InvariantCulture),
        { } v when Unit == FigureUnit.Hours => v.ToString("0.00", CultureInfo.InvariantCulture),
        { } v => v.ToString("0", CultureInfo.InvariantCulture),
    };
}
