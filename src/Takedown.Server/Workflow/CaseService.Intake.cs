using Takedown.Core.Requests;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Workflow;

public sealed partial class CaseService
{
    /// <summary>
    /// Refuses intake from a contact whose intake is suspended (DSA Art 23; ABU-1). The refusal is audited (without the
    /// contact) in its own unit of work, then <see cref="IntakeSuspendedException"/> answers with a plain message.
    /// </summary>
    private async Task EnsureIntakeAllowedAsync(RemovalRequest request, string actor, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        if (!await AbuseGuard.IsSuspendedAsync(session, request, now, cancellationToken))
        {
            return;
        }

        await session.AppendAuditAsync(actor, "intake.refused", null, AuditDetail.Of(new { reason = "requester_suspended" }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        throw new IntakeSuspendedException();
    }

    /// <summary>
    /// ABU-1 duplicate detection: when a reported location (or its content id) is already in an open or removed case,
    /// the new case is linked to the earliest such case and both are audited, so the moderator sees it. Never dropped.
    /// </summary>
    private static async Task LinkDuplicatesAsync(ITakedownSession session, CaseRecord created, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(created.Id, cancellationToken);
        List<string> locations = items.Select(i => i.Location).Distinct(StringComparer.Ordinal).ToList();
        List<string> contentIds = items.Where(i => i.ContentId is not null).Select(i => i.ContentId!).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<string> earlier = await session.FindCasesNamingAsync(created.Id, locations, contentIds, cancellationToken);
        if (earlier.Count == 0)
        {
            return;
        }

        await session.SetDuplicateOfAsync(created.Id, earlier[0], cancellationToken);
        await session.AppendAuditAsync(actor, "case.duplicate_linked", created.CaseNumber, AuditDetail.Of(new { earlierCases = earlier }), now, cancellationToken);
        foreach (string number in earlier)
        {
            await session.AppendAuditAsync("system", "case.duplicate_received", number, AuditDetail.Of(new { laterCase = created.CaseNumber }), now, cancellationToken);
        }
    }
}
