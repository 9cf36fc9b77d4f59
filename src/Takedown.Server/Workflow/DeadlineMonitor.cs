using Microsoft.Extensions.Options;
using Takedown.Core.Jurisdictions;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

/// <summary>
/// Deadline escalation (CLK-2): a warning when a case waiting for a decision (or with copies to review) passes each
/// configured fraction of its deadline, and a breach record when the deadline passes. Levels are stored on the case,
/// so each warning fires once even across restarts and nodes.
/// </summary>
public sealed class DeadlineMonitor(ITakedownStore store, IOptions<TakedownOptions> options, TimeProvider time, ILogger<DeadlineMonitor> logger)
{
    /// <summary>Checks every open case once; returns the number of warnings and breaches recorded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        double[] fractions = options.Value.WarningFractions.Order().ToArray();
        DateTimeOffset now = time.GetUtcNow();
        int recorded = 0;
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        foreach (CaseRecord c in await session.ListOpenDeadlinesAsync(cancellationToken))
        {
            int level = DeadlineClock.WarningLevel(c.ReceivedAt, c.DueAt, now, fractions);
            if (level > c.WarningLevel)
            {
                int percent = (int)Math.Round(fractions[level - 1] * 100);
                await session.SetWarningLevelAsync(c.Id, level, cancellationToken);
                await session.AppendAuditAsync("system", "deadline.warning", c.CaseNumber, AuditDetail.Of(new { level, percent, dueAt = c.DueAt }), now, cancellationToken);
                await session.EnqueueAsync("notify.moderators", AuditDetail.Of(new { caseNumber = c.CaseNumber, percent, dueAt = c.DueAt }), $"warning:{c.CaseNumber}:{level}", now, cancellationToken);
                Log.DeadlineWarning(logger, c.CaseNumber, percent);
                recorded++;
            }

            // CLK-2: page on-call once per case (the outbox idempotency key makes it once, across restarts and nodes).
            if (DeadlineClock.FractionElapsed(c.ReceivedAt, c.DueAt, now) >= options.Value.Compliance.PageOnCallFraction
                && await session.EnqueueAsync("notify.oncall", AuditDetail.Of(new { caseNumber = c.CaseNumber, percent = (int)Math.Round(options.Value.Compliance.PageOnCallFraction * 100), dueAt = c.DueAt }), $"page:{c.CaseNumber}", now, cancellationToken))
            {
                await session.AppendAuditAsync("system", "deadline.page_oncall", c.CaseNumber, AuditDetail.Of(new { dueAt = c.DueAt }), now, cancellationToken);
                recorded++;
            }

            if (now >= c.DueAt)
            {
                await session.SetBreachedAsync(c.Id, now, cancellationToken);
                await session.AppendAuditAsync("system", "deadline.breached", c.CaseNumber, AuditDetail.Of(new { dueAt = c.DueAt }), now, cancellationToken);
                await session.EnqueueAsync("notify.moderators", AuditDetail.Of(new { caseNumber = c.CaseNumber, breached = true }), $"breach:{c.CaseNumber}", now, cancellationToken);
                Log.DeadlineBreached(logger, c.CaseNumber);
                recorded++;
            }
        }

        await session.CommitAsync(cancellationToken);
        return recorded;
    }
}
