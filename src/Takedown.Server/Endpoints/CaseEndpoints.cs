using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Takedown.Core;
using Takedown.Core.Audit;
using Takedown.Core.Cases;
using Takedown.Data;
using Takedown.Server.Auth;
using Takedown.Server.Workflow;

namespace Takedown.Server.Endpoints;

/// <summary>The moderator's API: queue, case detail, claim, decide, notes, review of near copies.</summary>
public static class CaseEndpoints
{
    /// <summary>Maps <c>/api/v1/cases</c>.</summary>
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/cases").WithTags("Moderation").RequireAuthorization(Roles.Policies.Moderate)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/queue", Queue).WithName("GetQueue")
            .WithSummary("Cases waiting for a decision or with copies to review, least time left first")
            .WithDescription("Ordered strictly by time left: cases past their deadline first, then by deadline, ties by receipt time; the intake channel (public, trusted_flagger, regulator) is reported, never used to reorder. limit (1-500, default 100) caps the list. The read is audited.")
            .Produces<IReadOnlyList<QueueEntryView>>();

        api.MapGet("/{caseNumber}", Get).WithName("GetCase")
            .WithSummary("A case with its request, items, decisions, notes and banked hashes (the read is audited)")
            .WithDescription("Moderators see the requester's details until the case is purged (PRV-1); flags (minor, seniorReview, duplicateOf, channel) and reviewer checklists are included.")
            .Produces<CaseDetailView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{caseNumber}/claim", Claim).WithName("ClaimCase")
            .WithSummary("Claim a case (force to take it over)")
            .WithDescription("Marks the caller as the moderator holding the case. A case held by someone else answers 409 unless the body has force: true. Audited.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{caseNumber}/decision", Decide).WithName("DecideCase")
            .WithSummary("Decide: remove, provisionally_remove, reject (with reason), request_information (with reason) or content_not_visible")
            .WithDescription("A removal needs the reviewer checklist (VAL-2) with depictedOrAuthorised, intimate and nonConsent confirmed and no exception flag, or an overrideReason; the checklist is stored with the decision and audited. minorIndicators switches the case to the MIN-1 path; manifestlyUnfounded on a rejection counts towards the requester's abuse record. Removal fetches each reported item through the connector, hashes it in memory (PDQ, SHA-256, MD5), banks the hashes, removes it through the connector, notifies both sides and starts the copy search.")
            .Produces<CaseDetailView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);

        api.MapPost("/{caseNumber}/notes", AddNote).WithName("AddNote")
            .WithSummary("Add a note to a case")
            .WithDescription("Free text for moderators, kept with its author and time; the text is redacted when the case's personal data is purged (PRV-1). Audited (note id only).")
            .Produces<NoteView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{caseNumber}/items/{itemId:long}/review", ReviewItem).WithName("ReviewItem")
            .WithSummary("Confirm (remove and bank) or dismiss a near copy found by the copy search")
            .WithDescription("confirm: true in the body removes the copy through the connector and banks its hashes under the case; false dismisses it. 409 when the item is not waiting for review. Audited.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{caseNumber}/audit", Audit).WithName("GetCaseAudit")
            .WithSummary("The case's audit trail (who did what, when), in order")
            .WithDescription("Append-only, hash-chained events of the case (sequence, time, actor, action, detail, hash); details never carry requester contact data.")
            .Produces<IReadOnlyList<AuditEventView>>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapComplianceEndpoints();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<QueueEntryView>>> Queue(ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken, int limit = 100) =>
        TypedResults.Ok(await cases.QueueAsync(CurrentActor.Of(user), limit, cancellationToken));

    private static async Task<Ok<CaseDetailView>> Get(string caseNumber, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cases.GetForModeratorAsync(caseNumber, CurrentActor.Of(user), cancellationToken));

    private static async Task<NoContent> Claim(string caseNumber, ClaimBody? body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken)
    {
        await cases.ClaimAsync(caseNumber, CurrentActor.Of(user), body?.Force ?? false, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<CaseDetailView>> Decide(string caseNumber, DecisionBody body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParseDecisionKind(body.Decision, out DecisionKind kind))
        {
            throw new DomainValidationException("decision must be remove, provisionally_remove, reject, request_information or content_not_visible.");
        }

        return TypedResults.Ok(await cases.DecideAsync(caseNumber, CurrentActor.Of(user), kind, body.Reason, body.Checklist, cancellationToken));
    }

    private static async Task<Created<NoteView>> AddNote(string caseNumber, NoteBody body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken)
    {
        NoteView note = await cases.AddNoteAsync(caseNumber, CurrentActor.Of(user), body.Text, cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{caseNumber}", note);
    }

    private static async Task<NoContent> ReviewItem(string caseNumber, long itemId, ReviewItemBody body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken)
    {
        await cases.ReviewItemAsync(caseNumber, itemId, body.Confirm, body.Reason, CurrentActor.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<AuditEventView>>> Audit(string caseNumber, ClaimsPrincipal user, ITakedownStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        _ = await session.GetCaseAsync(caseNumber, cancellationToken) ?? throw new NotFoundException("No such case.");
        IReadOnlyList<AuditEvent> events = await session.ReadAuditForCaseAsync(caseNumber, cancellationToken);
        await session.AppendAuditAsync(CurrentActor.Of(user), "case.audit_read", caseNumber, "{}", time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AuditEventView>>(events.Select(AdminEndpoints.ToView).ToList());
    }
}
