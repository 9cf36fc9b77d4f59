using Microsoft.Extensions.Options;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

/// <summary>
/// PRV-1 retention: erases the requester's personal data (name, contact, statement, description) of cases closed longer
/// than <see cref="ComplianceOptions.RetainPersonalDataFor"/> ago. The case skeleton (number, times, decisions, items,
/// hash links, audit) stays for transparency reports; undelivered requester notifications of the case are cancelled and
/// moderator note texts redacted (author and time kept). Each purge is audited; state lives in the database
/// (<c>purged_at</c>), so the job is restart-safe and idempotent.
/// </summary>
public sealed class RetentionService(ITakedownStore store, IOptions<TakedownOptions> options, TimeProvider time)
{
    private const int Batch = 200;

    /// <summary>Purges every case that is due; returns how many were purged.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        int purged = 0;
        while (true)
        {
            DateTimeOffset now = time.GetUtcNow();
            await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
            IReadOnlyList<CaseRecord> due = await session.ListPurgeDueAsync(now - options.Value.Compliance.RetainPersonalDataFor, Batch, cancellationToken);
            foreach (CaseRecord c in due)
            {
                if (await PurgeCaseAsync(session, c, "retention", now, cancellationToken))
                {
                    purged++;
                }
            }

            await session.CommitAsync(cancellationToken);
            if (due.Count < Batch)
            {
                return purged;
            }
        }
    }

    /// <summary>
    /// Purges one case in the caller's unit of work: the personal data in the case row, then what is left of it elsewhere
    /// (undelivered requester notifications cancelled, delivered ones emptied, moderator note texts redacted with a
    /// marker). One audit event names what went (keys and ids, never content). False when the case was already purged.
    /// </summary>
    internal static async Task<bool> PurgeCaseAsync(ITakedownSession session, CaseRecord c, string why, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await session.PurgePersonalDataAsync(c.Id, now, cancellationToken))
        {
            return false;
        }

        PurgeTraces traces = await session.PurgeRequesterTracesAsync(c.Id, c.CaseNumber, now, cancellationToken);
        await session.AppendAuditAsync("system", "case.personal_data_purged", c.CaseNumber, AuditDetail.Of(new
        {
            why,
            closedAt = c.ClosedAt,
            notificationsCancelled = traces.CancelledNotifications,
            notificationsEmptied = traces.EmptiedNotifications,
            notesRedacted = traces.RedactedNoteIds,
        }), now, cancellationToken);
        return true;
    }
}
