using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Core.Jurisdictions;
using Takedown.Core.Requests;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

public sealed partial class CaseService
{
    private static readonly byte[] s_dummyTokenHash = SecretToken.Hash("no such case");

    /// <summary>
    /// Files a request. It is committed (durable) before this returns, so the case number handed out is never lost.
    /// Incomplete requests are kept; the result says exactly what is missing.
    /// </summary>
    public Task<SubmitResult> SubmitAsync(RemovalRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request, IntakeChannel.Public, null, "requester", cancellationToken);

    /// <summary>
    /// Files a request through <paramref name="channel"/> (INT-4): flagger and regulator notices are marked with their channel and,
    /// when <paramref name="noticeDeadline"/> is shorter than the jurisdiction's, the notice's own deadline. Intake from a
    /// suspended contact is refused (ABU-1); a request naming a location already in an open or removed case is linked to it.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(RemovalRequest request, IntakeChannel channel, TimeSpan? noticeDeadline, string actor, CancellationToken cancellationToken)
    {
        RequestValidator.EnsureStorable(request);
        Jurisdiction jurisdiction = jurisdictions.Resolve(request.Jurisdiction);
        if (noticeDeadline is { } custom && (custom <= TimeSpan.Zero || custom > TimeSpan.FromDays(365)))
        {
            throw new DomainValidationException("A notice deadline must be between 1 minute and 365 days.");
        }

        await EnsureIntakeAllowedAsync(request, actor, cancellationToken);
        IReadOnlyList<MissingElement> missing = RequestValidator.FindMissing(request);
        DateTimeOffset now = time.GetUtcNow();
        string token = SecretToken.Create();
        CaseStatus status = missing.Count == 0 ? CaseStatus.Open : CaseStatus.Incomplete;
        DateTimeOffset dueAt = DeadlineClock.DueAt(now, jurisdiction);
        if (noticeDeadline is { } own && now + own < dueAt)
        {
            dueAt = now + own;
        }

        var newCase = new NewCase(
            CaseNumber.Create(), status, jurisdiction.Code, now, dueAt, missing.Count == 0 ? now : null,
            SecretToken.Hash(token), request with { Jurisdiction = jurisdiction.Code }, Serialize(missing))
        {
            Channel = channel.ToWire(),
            Priority = channel.Priority(),
        };

        CaseRecord created;
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            created = await session.InsertCaseAsync(newCase, cancellationToken);
            await Exchange.ShareConsentIntake.RecordAsync(session, created.CaseNumber, request.ShareConsent, now, cancellationToken);
            foreach (string location in request.Locations.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).Distinct(StringComparer.Ordinal))
            {
                await session.InsertItemAsync(created.Id, location, connector.ResolveContentId(location), ItemOrigin.Reported, ItemStatus.Pending, null, null, now, cancellationToken);
            }

            await session.AppendAuditAsync(actor, "case.created", created.CaseNumber, AuditDetail.Of(new
            {
                status = status.ToWire(),
                jurisdiction = jurisdiction.Code,
                dueAt = newCase.DueAt,
                items = request.Locations.Count,
                missing = missing.Select(m => m.Field),
                channel = newCase.Channel,
            }), now, cancellationToken);
            await LinkDuplicatesAsync(session, created, actor, now, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        string statusName = status.ToWire();
        Log.CaseCreated(logger, created.CaseNumber, statusName, request.Locations.Count);
        return new SubmitResult(created.CaseNumber, token, status.ToWire(), created.ReceivedAt, created.DueAt, missing.Select(ToView).ToList());
    }

    /// <summary>The requester's view; the same <see cref="NotFoundException"/> for a wrong number or a wrong token.</summary>
    public async Task<RequesterCaseView> GetForRequesterAsync(string caseNumber, string? token, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        CaseRecord c = await AuthenticateRequesterAsync(session, caseNumber, token, cancellationToken);
        IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(c.Id, cancellationToken);
        IReadOnlyList<DecisionRecord> decisions = await session.ListDecisionsAsync(c.Id, cancellationToken);
        await session.AppendAuditAsync("requester", "case.read", c.CaseNumber, "{}", time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);

        DecisionRecord? last = decisions.LastOrDefault(d => d.ItemId is null);
        OutcomeView? outcome = last is null ? null : new OutcomeView(
            last.Kind, last.Reason, last.DecidedAt,
            "Your request was reviewed by a person. Copies were found with exact and perceptual hash matching; exact copies are removed automatically, near copies are reviewed by a person.",
            "You may complain about this decision free of charge for 6 months by replying through your case link.");
        return new RequesterCaseView(
            c.CaseNumber, c.Status.ToWire(), c.ReceivedAt, c.DueAt, ParseMissing(c.Missing),
            items.Where(i => i.Origin == ItemOrigin.Reported).Select(i => new RequesterItemView(i.Location, i.Status.ToWire(), i.RemovedAt)).ToList(),
            outcome,
            items.Count(i => i.Origin != ItemOrigin.Reported && i.Status == ItemStatus.Removed))
        {
            TakeItDownUrl = c.Minor ? Options.Compliance.TakeItDownUrl : null,
        };
    }

    /// <summary>Adds information to an incomplete case (or one where information was requested).</summary>
    public async Task<RequesterCaseView> SupplementAsync(string caseNumber, string? token, RemovalRequest supplement, CancellationToken cancellationToken)
    {
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            CaseRecord c = await AuthenticateRequesterAsync(session, caseNumber, token, cancellationToken);
            if (c.Status is not (CaseStatus.Incomplete or CaseStatus.InformationRequested or CaseStatus.Open))
            {
                throw new InvalidTransitionException(c.Status, CaseStatus.Open);
            }

            IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(c.Id, cancellationToken);
            RemovalRequest merged = new()
            {
                SignatureName = supplement.SignatureName ?? c.SignatureName,
                SignatureAttested = supplement.SignatureAttested || c.SignatureAttested,
                Locations = items.Select(i => i.Location).Concat(supplement.Locations).ToList(),
                Description = supplement.Description ?? c.Description,
                GoodFaithStatement = supplement.GoodFaithStatement ?? c.GoodFaithStatement,
                GoodFaithAttested = supplement.GoodFaithAttested || c.GoodFaithAttested,
                ContactEmail = supplement.ContactEmail ?? c.ContactEmail,
                ContactOther = supplement.ContactOther ?? c.ContactOther,
                RequesterRole = supplement.RequesterRole ?? c.RequesterRole,
                AiGenerated = supplement.AiGenerated ?? c.AiGenerated,
            };
            RequestValidator.EnsureStorable(merged);
            IReadOnlyList<MissingElement> missing = RequestValidator.FindMissing(merged);
            DateTimeOffset now = time.GetUtcNow();
            await session.UpdateCaseRequestAsync(c.Id, merged, Serialize(missing), missing.Count == 0 ? c.CompletedAt ?? now : null, cancellationToken);
            foreach (string location in supplement.Locations.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).Except(items.Select(i => i.Location), StringComparer.Ordinal))
            {
                await session.InsertItemAsync(c.Id, location, connector.ResolveContentId(location), ItemOrigin.Reported, ItemStatus.Pending, null, null, now, cancellationToken);
            }

            if (missing.Count == 0 && c.Status != CaseStatus.Open)
            {
                await session.SetCaseStatusAsync(c.Id, c.Status, CaseStatus.Open, null, cancellationToken);
            }

            await Exchange.ShareConsentIntake.RecordAsync(session, c.CaseNumber, supplement.ShareConsent, now, cancellationToken);
            await session.AppendAuditAsync("requester", "case.supplemented", c.CaseNumber,
                AuditDetail.Of(new { missing = missing.Select(m => m.Field), locationsAdded = supplement.Locations.Count }), now, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        return await GetForRequesterAsync(caseNumber, token, cancellationToken);
    }

    private static async Task<CaseRecord> AuthenticateRequesterAsync(ITakedownSession session, string caseNumber, string? token, CancellationToken cancellationToken)
    {
        CaseRecord? c = CaseNumber.IsWellFormed(caseNumber) ? await session.GetCaseAsync(caseNumber, cancellationToken) : null;

        // Compare against something even when the case does not exist, so timing does not tell the two apart.
        bool valid = SecretToken.Verify(token, c?.TokenHash ?? s_dummyTokenHash) && c is not null;
        return valid ? c! : throw new NotFoundException("No case with this number and token.");
    }
}
