using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Takedown.Core;
using Takedown.Core.Requests;
using Takedown.Data;
using Takedown.Server.Auth;
using Takedown.Server.Workflow;

namespace Takedown.Server.Endpoints;

/// <summary>Senior-review flags, flagger and regulator notices, requester abuse records (ABU-1, INT-4).</summary>
public static class ComplianceEndpoints
{
    /// <summary>Maps the compliance endpoints under <c>/api/v1</c>.</summary>
    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/cases/{caseNumber}/senior-review", SeniorReview).WithName("SetSeniorReview").WithTags("Moderation")
            .RequireAuthorization(Roles.Policies.Moderate)
            .WithSummary("Flag (or clear) a case for senior review: public-figure, news or political target (ABU-1)")
            .WithDescription("The flag shows as a badge in the queue and on the case page; setting or clearing it is audited with the optional reason.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapPost("/api/v1/notices", Notice).WithName("FileNotice").WithTags("Requests")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireClaim(Roles.ScopeClaim, Roles.FlaggerScope, Roles.Admin))
            .WithSummary("File a trusted-flagger or regulator notice (API key scope flagger; INT-4)")
            .WithDescription("The case is marked with its channel (shown as a badge in the queue, which stays ordered by time left) and is due at the jurisdiction's deadline or the notice's own deadline (deadlineHours) when that is shorter.")
            .Produces<SubmitResult>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        RouteGroupBuilder admin = app.MapGroup("/api/v1/admin/requesters").WithTags("Admin").RequireAuthorization(Roles.Policies.Administer)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/", ListRequesters).WithName("ListRequesterRecords")
            .WithSummary("Requester abuse records (keyed hashes, never contacts): manifestly unfounded counts, warnings, suspensions (DSA Art 23)")
            .WithDescription("Most recently changed first, at most 500, each with the cases whose rejections it counted. Admin only; the read is audited.")
            .Produces<IReadOnlyList<RequesterRecordView>>();
        admin.MapPost("/{key}/lift", Lift).WithName("LiftRequesterSuspension")
            .WithSummary("Lift an intake suspension (audited)")
            .WithDescription("key is the record key from the list. Intake from that contact is accepted again at once; the record keeps its counts. 404 when the record is not suspended.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<NoContent> SeniorReview(string caseNumber, SeniorReviewBody body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken)
    {
        await cases.SetSeniorReviewAsync(caseNumber, body.SeniorReview, body.Reason, CurrentActor.Of(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<SubmitResult>> Notice(FlaggerNoticeBody body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken)
    {
        if (!IntakeChannels.TryParse(body.Channel, out IntakeChannel channel) || channel == IntakeChannel.Public)
        {
            throw new DomainValidationException("channel must be trusted_flagger or regulator.");
        }

        if (body.Request is null)
        {
            throw new DomainValidationException("request is required.");
        }

        TimeSpan? deadline = body.DeadlineHours is { } hours
            ? double.IsFinite(hours) && hours > 0 && hours <= 24 * 365 ? TimeSpan.FromHours(hours) : throw new DomainValidationException("deadlineHours must be more than 0 and at most 8760.")
            : null;
        SubmitResult result = await cases.SubmitAsync(body.Request, channel, deadline, CurrentActor.Of(user), cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{result.CaseNumber}", result);
    }

    private static async Task<Ok<IReadOnlyList<RequesterRecordView>>> ListRequesters(ClaimsPrincipal user, ITakedownStore store, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AbuseGuard.ListAsync(store, CurrentActor.Of(user), time.GetUtcNow(), cancellationToken));

    private static async Task<NoContent> Lift(string key, ClaimsPrincipal user, ITakedownStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        await AbuseGuard.LiftAsync(store, key, null, CurrentActor.Of(user), time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
