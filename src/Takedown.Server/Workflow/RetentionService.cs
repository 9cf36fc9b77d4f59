using Microsoft.Extensions.Options;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

/// <summary>
/// PRV-1 retention: erases the requester's personal data (name, contact, statement, description) of cases closed longer
/// than <see cref="ComplianceOptions.RetainPersonalDataFor"/> ago. The case skeleton (number, times, decisions, items,
/// hash links, audit) stays for transparency reports. Each purge is audited; state lives in the database
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
                if (await session.PurgePersonalDataAsync(c.Id, now, cancellationToken))
                {
                    await session.AppendAuditAsync("system", "case.personal_data_purged", c.CaseNumber, AuditDetail.Of(new { why = "retention", closedAt = c.ClosedAt }), now, cancellationToken);
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
}
