using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>Removal decisions for DSA statements; see <see cref="ITransparencySession"/>.</summary>
internal sealed partial class SqlSession : ITransparencySession
{
    public async Task<IReadOnlyList<RemovalDecisionRow>> ListRemovalDecisionsAsync(long afterDecisionId, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            """
            SELECT d.id, i.id, d.kind, d.automation, d.decided_at, c.received_at, i.created_at, i.origin, COALESCE(c.ai_generated, 0), c.jurisdiction
            FROM decisions d
            JOIN cases c ON c.id = d.case_id
            JOIN items i ON (d.item_id IS NOT NULL AND i.id = d.item_id) OR (d.item_id IS NULL AND i.case_id = d.case_id AND i.origin = 'reported')
            WHERE d.id > @after AND d.kind IN ('remove', 'provisionally_remove', 'remove_exact_copy', 'confirm_copy')
            ORDER BY d.id, i.id
            LIMIT @limit
            """,
            r => new RemovalDecisionRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Time(r, 4), Time(r, 5), Time(r, 6), r.GetString(7), r.GetInt64(8) != 0, r.GetString(9)),
            cancellationToken, Arg.Of("after", afterDecisionId), Arg.Of("limit", (long)limit));
}
