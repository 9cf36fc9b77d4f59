using Takedown.Core.Audit;
using Takedown.Data;

namespace Takedown.Server.Web;

/// <summary>A case's audit trail for the moderator's case page.</summary>
internal sealed class CaseAuditTrail(ITakedownStore store)
{
    /// <summary>The case's events, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(string caseNumber, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        return await session.ReadAuditForCaseAsync(caseNumber, cancellationToken);
    }
}
