using Takedown.Core.Transparency;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Exchange;

/// <summary>
/// DSA statements of reasons for every removal decision (RPT-1), built from decision attributes only (no personal
/// data), in PUID order so repeated exports give the same statements.
/// </summary>
public sealed class TransparencyService(ITakedownStore store)
{
    /// <summary>Statements for removal decisions after <paramref name="afterDecisionId"/>.</summary>
    public async Task<IReadOnlyList<DsaStatement>> StatementsAsync(long afterDecisionId, int limit, DsaMappingOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<RemovalDecisionRow> rows;
        await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
        {
            rows = await session.Transparency().ListRemovalDecisionsAsync(afterDecisionId, limit, cancellationToken);
        }

        return rows.Select(r => DsaStatementMapper.Map(ToFacts(r), options)).ToList();
    }

    /// <summary>The decision facts of one row.</summary>
    public static RemovalDecisionFacts ToFacts(RemovalDecisionRow row)
    {
        bool copy = row.Origin is "exact_copy" or "near_copy";
        return new RemovalDecisionFacts
        {
            DecisionId = $"d{row.DecisionId}-i{row.ItemId}",
            AppliedAt = row.DecidedAt,
            ReceivedAt = copy ? row.ItemCreatedAt : row.ReceivedAt,
            Provisional = row.Kind == "provisionally_remove",
            Source = copy ? DecisionSource.Voluntary : DecisionSource.Notice,
            AutomatedDetection = copy,
            Automation = row.Automation switch
            {
                "full" => DecisionAutomation.Full,
                "partial" => DecisionAutomation.Partial,
                _ => DecisionAutomation.Manual,
            },
            AiGenerated = row.AiGenerated,
            MatchKind = row.Origin switch
            {
                "exact_copy" => "exact",
                "near_copy" => "perceptual",
                _ => null,
            },
            Jurisdiction = row.Jurisdiction,
        };
    }
}
