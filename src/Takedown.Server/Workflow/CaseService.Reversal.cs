using System.Globalization;
using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Workflow;

public sealed partial class CaseService
{
    /// <summary>
    /// The requester withdraws: removed content is restored through the connector and the case's hashes leave the
    /// bank (so they stop blocking), all in one unit of work.
    /// </summary>
    public async Task<RequesterCaseView> WithdrawAsync(string caseNumber, string? token, CancellationToken cancellationToken)
    {
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            CaseRecord c = await AuthenticateRequesterAsync(session, caseNumber, token, cancellationToken);
            DateTimeOffset now = time.GetUtcNow();
            await session.SetCaseStatusAsync(c.Id, c.Status, CaseStatus.Withdrawn, now, cancellationToken);
            IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(c.Id, cancellationToken);
            DecisionRecord decision = await session.InsertDecisionAsync(c.Id, null, "withdrawn", null, "requester", "manual", now, cancellationToken);
            await session.AppendAuditAsync("requester", "case.withdrawn", c.CaseNumber, AuditDetail.Of(new { decisionId = decision.Id }), now, cancellationToken);
            await RestoreAllAsync(session, c, items, "requester", "withdrawn", decision.Id.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
            if (Options.Compliance.PurgeOnWithdrawal)
            {
                await RetentionService.PurgeCaseAsync(session, c, "withdrawn", now, cancellationToken);
            }

            await session.CommitAsync(cancellationToken);
        }

        await AfterCommitAsync(sweep: false, cancellationToken);
        return await GetForRequesterAsync(caseNumber, token, cancellationToken);
    }

    /// <summary>
    /// An uploader's appeal against the removal of one content id, relayed by the platform. The appeal is stored
    /// and goes to a human (DSA Art 20(6)).
    /// </summary>
    public async Task<AppealView> FileAppealAsync(string caseNumber, string contentId, string statement, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(statement) || statement.Length > 10_000)
        {
            throw new DomainValidationException("An appeal needs a statement of 1 to 10000 characters.");
        }

        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        CaseRecord c = await RequireCaseAsync(session, caseNumber, cancellationToken);
        ItemRecord item = (await session.ListItemsAsync(c.Id, cancellationToken))
            .FirstOrDefault(i => i.ContentId == contentId && i.Status is ItemStatus.Removed or ItemStatus.ProvisionallyRemoved)
            ?? throw new NotFoundException("No removed content with this id in this case.");
        DateTimeOffset now = time.GetUtcNow();
        AppealRecord appeal = await session.InsertAppealAsync(c.Id, item.Id, statement, now, cancellationToken);
        await session.AppendAuditAsync(actor, "appeal.filed", c.CaseNumber, AuditDetail.Of(new { appealId = appeal.Id, itemId = item.Id }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new AppealView(appeal.Id, c.CaseNumber, item.Id, item.ContentId, statement, appeal.Status.ToWire(), appeal.FiledAt, null);
    }

    /// <summary>Pending appeals.</summary>
    public async Task<IReadOnlyList<AppealView>> ListAppealsAsync(string actor, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IReadOnlyList<AppealRecord> appeals = await session.ListPendingAppealsAsync(cancellationToken);
        var views = new List<AppealView>(appeals.Count);
        foreach (AppealRecord a in appeals)
        {
            CaseRecord c = (await session.GetCaseAsync(a.CaseId, cancellationToken))!;
            ItemRecord? item = await session.GetItemAsync(a.ItemId, cancellationToken);
            views.Add(new AppealView(a.Id, c.CaseNumber, a.ItemId, item?.ContentId, a.Statement, a.Status.ToWire(), a.FiledAt, a.Reason));
        }

        await session.AppendAuditAsync(actor, "appeals.read", null, AuditDetail.Of(new { count = views.Count }), time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return views;
    }

    /// <summary>
    /// Decides an appeal. Granting an appeal on reported content reverses the case (all content restored, hashes
    /// released); granting one on a copy restores that copy only.
    /// </summary>
    public async Task<AppealView> DecideAppealAsync(long appealId, bool grant, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("An appeal decision needs a reason.");
        }

        AppealView result;
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            AppealRecord appeal = await session.GetAppealAsync(appealId, cancellationToken) ?? throw new NotFoundException("No such appeal.");
            CaseRecord c = (await session.GetCaseAsync(appeal.CaseId, cancellationToken))!;
            ItemRecord item = (await session.GetItemAsync(appeal.ItemId, cancellationToken))!;
            DateTimeOffset now = time.GetUtcNow();
            await session.DecideAppealAsync(appeal.Id, grant ? AppealStatus.Granted : AppealStatus.Denied, actor, reason, now, cancellationToken);
            DecisionRecord decision = await session.InsertDecisionAsync(c.Id, item.Id, grant ? "appeal_granted" : "appeal_denied", reason, actor, "manual", now, cancellationToken);
            await session.AppendAuditAsync(actor, grant ? "appeal.granted" : "appeal.denied", c.CaseNumber, AuditDetail.Of(new { appealId, itemId = item.Id, reason }), now, cancellationToken);
            string suffix = decision.Id.ToString(CultureInfo.InvariantCulture);
            if (grant && item.Origin == ItemOrigin.Reported)
            {
                await session.SetCaseStatusAsync(c.Id, c.Status, CaseStatus.Restored, now, cancellationToken);
                await RestoreAllAsync(session, c, await session.ListItemsAsync(c.Id, cancellationToken), actor, "appeal granted", suffix, now, cancellationToken);
            }
            else if (grant)
            {
                await RestoreItemAsync(session, c, item, actor, "appeal granted", suffix, now, cancellationToken);
            }

            await session.EnqueueAsync("notify.uploader", Serialize(new { caseNumber = c.CaseNumber, contentId = item.ContentId, appeal = grant ? "granted" : "denied", reason }),
                $"appeal:{appealId}", now, cancellationToken);
            await session.CommitAsync(cancellationToken);
            result = new AppealView(appeal.Id, c.CaseNumber, item.Id, item.ContentId, appeal.Statement, (grant ? AppealStatus.Granted : AppealStatus.Denied).ToWire(), appeal.FiledAt, reason);
        }

        await AfterCommitAsync(sweep: false, cancellationToken);
        return result;
    }

    private static async Task RestoreAllAsync(ITakedownSession session, CaseRecord c, IReadOnlyList<ItemRecord> items, string actor, string why, string keySuffix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (ItemRecord item in items)
        {
            if (item.Status is ItemStatus.Removed or ItemStatus.ProvisionallyRemoved)
            {
                await RestoreItemAsync(session, c, item, actor, why, keySuffix, now, cancellationToken);
            }
            else if (item.Status is ItemStatus.Pending or ItemStatus.NeedsReview)
            {
                await session.SetItemStatusAsync(item.Id, ItemStatus.Kept, now, cancellationToken);
            }
        }

        int released = await session.ReleaseBankEntriesAsync(c.Id, c.CaseNumber, null, now, cancellationToken);
        await session.AppendAuditAsync(actor, "bank.released", c.CaseNumber, AuditDetail.Of(new { released, why }), now, cancellationToken);
    }

    private static async Task RestoreItemAsync(ITakedownSession session, CaseRecord c, ItemRecord item, string actor, string why, string keySuffix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.SetItemStatusAsync(item.Id, ItemStatus.Restored, now, cancellationToken);
        if (item.ContentId is not null)
        {
            await QueueConnectorAsync(session, "restore", item, c.CaseNumber, keySuffix, now, cancellationToken);
        }

        await session.AppendAuditAsync(actor, "item.restored", c.CaseNumber, AuditDetail.Of(new { itemId = item.Id, contentId = item.ContentId, why }), now, cancellationToken);
    }
}
