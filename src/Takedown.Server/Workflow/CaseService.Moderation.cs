using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Core.Jurisdictions;
using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

public sealed partial class CaseService
{
    /// <summary>The queue, most urgent first. The listing itself is audited.</summary>
    public async Task<IReadOnlyList<QueueEntryView>> QueueAsync(string actor, int limit, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IReadOnlyList<CaseRecord> cases = await session.ListQueueAsync(Math.Clamp(limit, 1, 500), cancellationToken);
        var entries = new List<QueueEntryView>(cases.Count);
        foreach (CaseRecord c in cases)
        {
            IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(c.Id, cancellationToken);
            entries.Add(new QueueEntryView(c.CaseNumber, c.Status.ToWire(), c.Jurisdiction, c.ReceivedAt, c.DueAt,
                (long)Math.Floor((c.DueAt - now).TotalSeconds), c.ClaimedBy, items.Count(i => i.Status == ItemStatus.NeedsReview))
            {
                Minor = c.Minor, SeniorReview = c.SeniorReview, DuplicateOf = c.DuplicateOf, Channel = c.Channel,
            });
        }

        await session.AppendAuditAsync(actor, "queue.read", null, AuditDetail.Of(new { count = entries.Count }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return entries;
    }

    /// <summary>A case with everything a moderator needs; the read is audited.</summary>
    public async Task<CaseDetailView> GetForModeratorAsync(string caseNumber, string actor, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        CaseRecord c = await RequireCaseAsync(session, caseNumber, cancellationToken);
        IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(c.Id, cancellationToken);
        IReadOnlyList<DecisionRecord> decisions = await session.ListDecisionsAsync(c.Id, cancellationToken);
        IReadOnlyList<NoteRecord> notes = await session.ListNotesAsync(c.Id, cancellationToken);
        IReadOnlyList<BankEntry> bank = await session.ListBankEntriesAsync(c.Id, cancellationToken);
        IReadOnlyList<DecisionChecklistRecord> checklists = await session.ListChecklistsAsync(c.Id, cancellationToken);
        await session.AppendAuditAsync(actor, "case.read", c.CaseNumber, "{}", time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new CaseDetailView
        {
            CaseNumber = c.CaseNumber,
            Status = c.Status.ToWire(),
            Jurisdiction = c.Jurisdiction,
            ReceivedAt = c.ReceivedAt,
            CompletedAt = c.CompletedAt,
            DueAt = c.DueAt,
            Missing = ParseMissing(c.Missing),
            Request = new RequestView(c.SignatureName, c.SignatureAttested, c.GoodFaithStatement, c.GoodFaithAttested, c.Description, c.ContactEmail, c.ContactOther, c.RequesterRole, c.AiGenerated),
            ClaimedBy = c.ClaimedBy,
            WarningLevel = c.WarningLevel,
            BreachedAt = c.BreachedAt,
            Items = items.Select(i => new ItemView(i.Id, i.Location, i.ContentId, i.Origin.ToWire(), i.Status.ToWire(), i.Distance, i.SourceItemId, i.RemovedAt, i.RestoredAt)).ToList(),
            Decisions = decisions.Select(d => new DecisionView(d.Id, d.ItemId, d.Kind, d.Reason, d.Actor, d.Automation, d.DecidedAt)).ToList(),
            Notes = notes.Select(n => new NoteView(n.Id, n.Author, n.Body, n.CreatedAt)).ToList(),
            Bank = bank.Select(b => new BankEntryView(b.Id, b.ItemId, b.Kind.ToString().ToLowerInvariant(), b.Value, b.Quality)).ToList(),
            Checklists = checklists.Select(k => new ChecklistView(k.DecisionId, k.Checklist)).ToList(),
            Minor = c.Minor,
            SeniorReview = c.SeniorReview,
            DuplicateOf = c.DuplicateOf,
            Channel = c.Channel,
            PurgedAt = c.PurgedAt,
        };
    }

    /// <summary>Claims a case; throws <see cref="ConflictException"/> when another moderator holds it (unless forced).</summary>
    public async Task ClaimAsync(string caseNumber, string actor, bool force, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        CaseRecord c = await RequireCaseAsync(session, caseNumber, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        if (!await session.ClaimCaseAsync(c.Id, actor, now, force, cancellationToken))
        {
            throw new ConflictException("Another moderator has claimed this case.");
        }

        await session.AppendAuditAsync(actor, "case.claimed", c.CaseNumber, AuditDetail.Of(new { force, previous = c.ClaimedBy }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    /// <summary>Adds a note.</summary>
    public async Task<NoteView> AddNoteAsync(string caseNumber, string actor, string body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > 10_000)
        {
            throw new DomainValidationException("A note needs 1 to 10000 characters.");
        }

        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        CaseRecord c = await RequireCaseAsync(session, caseNumber, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        NoteRecord note = await session.InsertNoteAsync(c.Id, actor, body, now, cancellationToken);
        await session.AppendAuditAsync(actor, "case.note_added", c.CaseNumber, AuditDetail.Of(new { noteId = note.Id }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new NoteView(note.Id, note.Author, note.Body, note.CreatedAt);
    }

    /// <summary>
    /// Records a moderator's decision. Removal fetches and hashes each reported item in memory, banks the hashes,
    /// and queues the connector removal and the notices in the same unit of work; the removal is then carried out
    /// before this returns, and the copy search is started.
    /// </summary>
    public Task<CaseDetailView> DecideAsync(string caseNumber, string actor, DecisionKind kind, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(caseNumber, actor, kind, reason, null, cancellationToken);

    /// <summary>
    /// Records a moderator's decision with the reviewer checklist (VAL-2): a removal needs the checklist's three grounds
    /// confirmed (or an override reason); the checklist is stored with the decision and audited.
    /// </summary>
    public async Task<CaseDetailView> DecideAsync(string caseNumber, string actor, DecisionKind kind, string? reason, ReviewChecklist? checklist, CancellationToken cancellationToken)
    {
        if (kind is DecisionKind.Reject or DecisionKind.RequestInformation && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("A rejection or a request for information needs a reason.");
        }

        EnsureChecklistSupports(kind, checklist);
        if (kind == DecisionKind.ContentNotVisible && string.IsNullOrWhiteSpace(reason))
        {
            reason = "The content is end-to-end encrypted or in private storage and is not visible to the provider, so it cannot be assessed or removed.";
        }

        CaseRecord snapshot;
        IReadOnlyList<ItemRecord> snapshotItems;
        await using (ITakedownSession read = await store.BeginAsync(write: false, cancellationToken))
        {
            snapshot = await RequireCaseAsync(read, caseNumber, cancellationToken);
            snapshotItems = await read.ListItemsAsync(snapshot.Id, cancellationToken);
        }

        CaseStatus target = kind switch
        {
            DecisionKind.Remove => CaseStatus.Removed,
            DecisionKind.ProvisionallyRemove => CaseStatus.ProvisionallyRemoved,
            DecisionKind.Reject or DecisionKind.ContentNotVisible => CaseStatus.Rejected,
            _ => CaseStatus.InformationRequested,
        };
        CaseStateMachine.EnsureCanMove(snapshot.Status, target);

        // Fetch and hash outside the transaction; the bytes live only in this method.
        var hashes = new Dictionary<long, MediaHashes?>();
        if (kind is DecisionKind.Remove or DecisionKind.ProvisionallyRemove)
        {
            foreach (ItemRecord item in snapshotItems.Where(i => i.Origin == ItemOrigin.Reported && i.Status == ItemStatus.Pending))
            {
                byte[]? media = item.ContentId is null ? null : await connector.FetchAsync(item.ContentId, cancellationToken);
                hashes[item.Id] = media is null ? null : await hasher.HashAsync(media, cancellationToken);
            }
        }

        DateTimeOffset now = time.GetUtcNow();
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            CaseRecord c = await RequireCaseAsync(session, caseNumber, cancellationToken);
            await session.SetCaseStatusAsync(c.Id, snapshot.Status, target, kind is DecisionKind.RequestInformation ? null : now, cancellationToken);
            DecisionRecord decision = await session.InsertDecisionAsync(c.Id, null, kind.ToWire(), reason, actor, "manual", now, cancellationToken);
            await session.AppendAuditAsync(actor, "decision.recorded", c.CaseNumber, AuditDetail.Of(new { decisionId = decision.Id, kind = kind.ToWire(), reason }), now, cancellationToken);
            await RecordChecklistAsync(session, c, decision, checklist, actor, now, cancellationToken);
            string jurisdictionName = jurisdictions.Resolve(c.Jurisdiction).Name;
            IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(c.Id, cancellationToken);

            if (kind is DecisionKind.Remove or DecisionKind.ProvisionallyRemove)
            {
                ItemStatus removed = kind == DecisionKind.Remove ? ItemStatus.Removed : ItemStatus.ProvisionallyRemoved;
                foreach (ItemRecord item in items)
                {
                    if (item.Status == ItemStatus.ProvisionallyRemoved && removed == ItemStatus.Removed)
                    {
                        await session.SetItemStatusAsync(item.Id, ItemStatus.Removed, now, cancellationToken);
                        await session.AppendAuditAsync(actor, "item.removal_confirmed", c.CaseNumber, AuditDetail.Of(new { itemId = item.Id }), now, cancellationToken);
                        continue;
                    }

                    if (item.Status != ItemStatus.Pending || item.Origin != ItemOrigin.Reported)
                    {
                        continue;
                    }

                    if (!hashes.TryGetValue(item.Id, out MediaHashes? itemHashes) || itemHashes is null)
                    {
                        await session.SetItemStatusAsync(item.Id, ItemStatus.NotFound, now, cancellationToken);
                        await session.AppendAuditAsync(actor, "item.not_found", c.CaseNumber, AuditDetail.Of(new { itemId = item.Id, location = item.Location }), now, cancellationToken);
                        continue;
                    }

                    await session.SetItemStatusAsync(item.Id, removed, now, cancellationToken);
                    int banked = await BankAsync(session, c, item.Id, itemHashes, now, cancellationToken);
                    await QueueConnectorAsync(session, "remove", item, c.CaseNumber, decision.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now, cancellationToken);
                    StatementOfReasons sor = StatementOfReasons.ForRemoval(c.CaseNumber, item.ContentId!, removed == ItemStatus.ProvisionallyRemoved, automatedExactMatch: false, jurisdictionName);
                    await session.EnqueueAsync("notify.uploader", Serialize(sor), $"sor:{item.Id}:{decision.Id}", now, cancellationToken);
                    await session.AppendAuditAsync(actor, "item.removed", c.CaseNumber,
                        AuditDetail.Of(new { itemId = item.Id, contentId = item.ContentId, provisional = removed == ItemStatus.ProvisionallyRemoved, hashesBanked = banked }), now, cancellationToken);
                }

                await session.EnqueueSweepAsync(c.Id, now, cancellationToken);
            }
            else if (kind is DecisionKind.Reject or DecisionKind.ContentNotVisible && snapshot.Status == CaseStatus.ProvisionallyRemoved)
            {
                await RestoreAllAsync(session, c, items, actor, "provisional removal reversed", decision.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now, cancellationToken);
            }
            else if (kind is DecisionKind.Reject or DecisionKind.ContentNotVisible)
            {
                foreach (ItemRecord item in items.Where(i => i.Status == ItemStatus.Pending))
                {
                    await session.SetItemStatusAsync(item.Id, ItemStatus.Kept, now, cancellationToken);
                }
            }

            await session.EnqueueAsync("notify.requester", Serialize(new
            {
                caseNumber = c.CaseNumber,
                contactEmail = c.ContactEmail,
                contactOther = c.ContactOther,
                decision = kind.ToWire(),
                reason,
                redress = "You may complain about this decision free of charge for 6 months.",
            }), $"outcome:{decision.Id}", now, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        string decisionName = kind.ToWire();
        Log.DecisionRecorded(logger, caseNumber, decisionName, actor);
        await AfterCommitAsync(sweep: kind is DecisionKind.Remove or DecisionKind.ProvisionallyRemove, cancellationToken);
        return await GetForModeratorAsync(caseNumber, actor, cancellationToken);
    }

    /// <summary>Confirms (removes and banks) or dismisses (keeps) a near copy found by the copy search.</summary>
    public async Task ReviewItemAsync(string caseNumber, long itemId, bool confirm, string? reason, string actor, CancellationToken cancellationToken)
    {
        ItemRecord? snapshot;
        await using (ITakedownSession read = await store.BeginAsync(write: false, cancellationToken))
        {
            CaseRecord c0 = await RequireCaseAsync(read, caseNumber, cancellationToken);
            snapshot = await read.GetItemAsync(itemId, cancellationToken);
            if (snapshot is null || snapshot.CaseId != c0.Id)
            {
                throw new NotFoundException("No such item in this case.");
            }
        }

        if (snapshot.Status != ItemStatus.NeedsReview)
        {
            throw new ConflictException("This item is not waiting for review.");
        }

        byte[]? media = confirm && snapshot.ContentId is not null ? await connector.FetchAsync(snapshot.ContentId, cancellationToken) : null;
        MediaHashes? hashes = media is null ? null : await hasher.HashAsync(media, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            CaseRecord c = await RequireCaseAsync(session, caseNumber, cancellationToken);
            ItemRecord item = (await session.GetItemAsync(itemId, cancellationToken))!;
            if (item.Status != ItemStatus.NeedsReview)
            {
                throw new ConflictException("This item is not waiting for review.");
            }

            DecisionRecord decision = await session.InsertDecisionAsync(c.Id, item.Id, confirm ? "confirm_copy" : "dismiss_copy", reason, actor, "manual", now, cancellationToken);
            if (confirm)
            {
                await session.SetItemStatusAsync(item.Id, ItemStatus.Removed, now, cancellationToken);
                int banked = hashes is null ? 0 : await BankAsync(session, c, item.Id, hashes, now, cancellationToken);
                await QueueConnectorAsync(session, "remove", item, c.CaseNumber, decision.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now, cancellationToken);
                StatementOfReasons sor = StatementOfReasons.ForRemoval(c.CaseNumber, item.ContentId!, provisional: false, automatedExactMatch: false, jurisdictions.Resolve(c.Jurisdiction).Name);
                await session.EnqueueAsync("notify.uploader", Serialize(sor), $"sor:{item.Id}:{decision.Id}", now, cancellationToken);
                await session.AppendAuditAsync(actor, "item.copy_confirmed", c.CaseNumber, AuditDetail.Of(new { itemId = item.Id, contentId = item.ContentId, distance = item.Distance, hashesBanked = banked }), now, cancellationToken);
            }
            else
            {
                await session.SetItemStatusAsync(item.Id, ItemStatus.Kept, now, cancellationToken);
                await session.AppendAuditAsync(actor, "item.copy_dismissed", c.CaseNumber, AuditDetail.Of(new { itemId = item.Id, reason }), now, cancellationToken);
            }

            await session.CommitAsync(cancellationToken);
        }

        await AfterCommitAsync(sweep: false, cancellationToken);
    }
}
