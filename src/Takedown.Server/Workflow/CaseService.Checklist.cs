using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Workflow;

public sealed partial class CaseService
{
    /// <summary>Outbox topic of events for the operator (e.g. a CyberTipline report is due).</summary>
    public const string OperatorTopic = "notify.operator";

    /// <summary>
    /// Checks the reviewer checklist a decision needs (VAL-2): a removal needs one supporting it; a rejection may carry
    /// one; other decisions none.
    /// </summary>
    private static void EnsureChecklistSupports(DecisionKind kind, ReviewChecklist? checklist)
    {
        if (kind is DecisionKind.Remove or DecisionKind.ProvisionallyRemove)
        {
            (checklist ?? new ReviewChecklist()).EnsureSupports(kind);
        }
        else if (kind == DecisionKind.Reject)
        {
            checklist?.EnsureSupports(kind);
        }
        else if (checklist is not null)
        {
            throw new DomainValidationException("A checklist goes only with remove, provisionally_remove or reject.");
        }
    }

    /// <summary>
    /// Stores the checklist with its decision and audits it; a minor indicator switches the case to the MIN-1 path and a
    /// manifestly unfounded rejection counts towards the requester's abuse record.
    /// </summary>
    private async Task RecordChecklistAsync(ITakedownSession session, CaseRecord c, DecisionRecord decision, ReviewChecklist? checklist, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (checklist is null)
        {
            return;
        }

        await session.InsertChecklistAsync(decision.Id, checklist, cancellationToken);
        await session.AppendAuditAsync(actor, "decision.checklist", c.CaseNumber, AuditDetail.Of(new
        {
            decisionId = decision.Id,
            depictedOrAuthorised = checklist.DepictedOrAuthorised,
            intimate = checklist.Intimate,
            nonConsent = checklist.NonConsent,
            publicConcern = checklist.PublicConcern,
            commercialSelfPublication = checklist.CommercialSelfPublication,
            minorIndicators = checklist.MinorIndicators,
            manifestlyUnfounded = checklist.ManifestlyUnfounded,
            overrideReason = checklist.IsOverride ? checklist.OverrideReason!.Trim() : null,
        }), now, cancellationToken);

        if (checklist.MinorIndicators)
        {
            await FlagMinorAsync(session, c, actor, now, cancellationToken);
        }

        if (checklist.ManifestlyUnfounded)
        {
            await AbuseGuard.RecordUnfoundedAsync(session, c, Options.Compliance, actor, now, cancellationToken);
        }
    }

    /// <summary>
    /// MIN-1: the case is flagged <c>minor</c>; any sharing consent stops counting (already published hashes are
    /// withdrawn from the feed, none are published later), and the operator is told a CyberTipline report is due.
    /// Takedown holds no media, so preserving it is the platform's duty.
    /// </summary>
    private static async Task FlagMinorAsync(ITakedownSession session, CaseRecord c, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (c.Minor)
        {
            return;
        }

        await session.Exchange().SetShareConsentAsync(c.CaseNumber, false, now, cancellationToken);
        await session.SetMinorAsync(c.Id, cancellationToken);
        await session.AppendAuditAsync(actor, "case.minor_flagged", c.CaseNumber, AuditDetail.Of(new { sharing = "never", cyberTiplineReportDue = true }), now, cancellationToken);
        await session.EnqueueAsync(OperatorTopic, Serialize(new
        {
            @event = "cybertipline_report_due",
            caseNumber = c.CaseNumber,
            flaggedAt = now,
            message = "A reviewer saw indicators that the content involves a minor. A US provider must report to NCMEC's CyberTipline (18 U.S.C. §2258A) and preserve the content and report for 1 year under restricted access. Takedown keeps no media: preservation is the platform's duty. The case's hashes are never shared.",
        }), "cybertip:" + c.CaseNumber, now, cancellationToken);
    }

    /// <summary>Sets or clears the senior-review flag (public-figure, news or political target; ABU-1), audited.</summary>
    public async Task SetSeniorReviewAsync(string caseNumber, bool seniorReview, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (reason is { Length: > 2000 })
        {
            throw new DomainValidationException("A senior-review reason may be at most 2000 characters.");
        }

        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        CaseRecord c = await RequireCaseAsync(session, caseNumber, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        if (await session.SetSeniorReviewAsync(c.Id, seniorReview, cancellationToken))
        {
            await session.AppendAuditAsync(actor, seniorReview ? "case.senior_review_flagged" : "case.senior_review_cleared", c.CaseNumber,
                AuditDetail.Of(new { reason }), now, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
    }
}
