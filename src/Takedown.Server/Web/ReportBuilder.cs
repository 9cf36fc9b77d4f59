using Takedown.Core.Audit;
using Takedown.Data;

namespace Takedown.Server.Web;

/// <summary>
/// Builds the reports from the hash-chained audit log, which records every creation, removal, copy, appeal and
/// withdrawal with its time: the figures are exactly what the log can prove.
/// </summary>
internal sealed class ReportBuilder(ITakedownStore store, TimeProvider time)
{
    /// <summary>Most days one report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>The report for the <paramref name="days"/> UTC days up to and including today.</summary>
    public Task<ReportData> BuildAsync(int days, CancellationToken cancellationToken)
    {
        days = Math.Clamp(days, 1, MaxDays);
        DateOnly to = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return BuildAsync(to.AddDays(1 - days), to, cancellationToken);
    }

    /// <summary>The report for the UTC days <paramref name="from"/> to <paramref name="to"/> inclusive (used by <c>takedown report</c>).</summary>
    public async Task<ReportData> BuildAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A report covers 1 to {MaxDays} days, from <= to.");
        }

        int days = to.DayNumber - from.DayNumber + 1;
        var requests = new int[days];
        var copies = new int[days, 3];
        var appeals = new int[days, 4];
        var created = new Dictionary<string, (DateTimeOffset Received, DateTimeOffset Due)>(StringComparer.Ordinal);
        var removals = new Dictionary<string, CaseRemoval>(StringComparer.Ordinal);

        await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
        {
            await foreach (AuditEvent e in AuditReader.ReadAllAsync(session, cancellationToken))
            {
                int day = DateOnly.FromDateTime(e.At.UtcDateTime).DayNumber - from.DayNumber;
                bool inWindow = day >= 0 && day < days;
                switch (e.Action)
                {
                    case "case.created" when e.CaseNumber is not null:
                        created[e.CaseNumber] = (e.At, AuditReader.TryGetTime(e.Detail, "dueAt", out DateTimeOffset due) ? due : e.At.AddHours(48));
                        Count(requests, day, inWindow);
                        break;
                    case "item.removed" when e.CaseNumber is not null && inWindow && !removals.ContainsKey(e.CaseNumber) && created.TryGetValue(e.CaseNumber, out var c):
                        removals[e.CaseNumber] = new CaseRemoval(e.CaseNumber, c.Received, c.Due, e.At);
                        break;
                    case "item.copy_removed":
                        Count(copies, day, 0, inWindow);
                        break;
                    case "item.copy_queued":
                        Count(copies, day, 1, inWindow);
                        break;
                    case "item.copy_confirmed":
                        Count(copies, day, 2, inWindow);
                        break;
                    case "appeal.filed":
                        Count(appeals, day, 0, inWindow);
                        break;
                    case "appeal.granted":
                        Count(appeals, day, 1, inWindow);
                        break;
                    case "appeal.denied":
                        Count(appeals, day, 2, inWindow);
                        break;
                    case "case.withdrawn":
                        Count(appeals, day, 3, inWindow);
                        break;
                    default:
                        break;
                }
            }
        }

        return new ReportData
        {
            From = from,
            To = to,
            Requests = Enumerable.Range(0, days).Select(d => new DayValues(from.AddDays(d), [requests[d]])).ToList(),
            Removals = removals.Values.OrderBy(r => r.RemovedAt).ToList(),
            Copies = Enumerable.Range(0, days).Select(d => new DayValues(from.AddDays(d), [copies[d, 0], copies[d, 1], copies[d, 2]])).ToList(),
            Appeals = Enumerable.Range(0, days).Select(d => new DayValues(from.AddDays(d), [appeals[d, 0], appeals[d, 1], appeals[d, 2], appeals[d, 3]])).ToList(),
        };
    }

    private static void Count(int[] counts, int day, bool inWindow)
    {
        if (inWindow)
        {
            counts[day]++;
        }
    }

    private static void Count(int[,] counts, int day, int series, bool inWindow)
    {
        if (inWindow)
        {
            counts[day, series]++;
        }
    }
}
