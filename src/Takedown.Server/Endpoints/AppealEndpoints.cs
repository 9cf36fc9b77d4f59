using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Takedown.Server.Auth;
using Takedown.Server.Workflow;

namespace Takedown.Server.Endpoints;

/// <summary>Uploader appeals: filed through the platform (connector key), decided by moderators.</summary>
public static class AppealEndpoints
{
    /// <summary>Maps <c>/api/v1/appeals</c>.</summary>
    public static IEndpointRouteBuilder MapAppealEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/appeals").WithTags("Appeals")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/", File).WithName("FileAppeal").RequireAuthorization(Roles.Policies.Connector)
            .WithSummary("File an uploader's appeal against a removal (relayed by the platform with a connector key)")
            .WithDescription("API key with the connector scope. Body: the case number from the statement of reasons, the removed content id and the uploader's statement; the appeal joins the moderators' appeal list.")
            .Produces<AppealView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/", List).WithName("ListAppeals").RequireAuthorization(Roles.Policies.Moderate)
            .WithSummary("Pending appeals, oldest first")
            .WithDescription("Moderator or admin. Appeals not yet decided, oldest first, with the case, item and uploader's statement.")
            .Produces<IReadOnlyList<AppealView>>();

        api.MapPost("/{appealId:long}/decision", Decide).WithName("DecideAppeal").RequireAuthorization(Roles.Policies.Moderate)
            .WithSummary("Grant (restore content, release hashes) or deny an appeal, with a reason")
            .WithDescription("Moderator or admin. Body: grant and a required reason; granting restores the content and releases its hashes from the bank. Audited.")
            .Produces<AppealView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<AppealView>> File(AppealBody body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken)
    {
        AppealView appeal = await cases.FileAppealAsync(body.CaseNumber, body.ContentId, body.Statement, CurrentActor.Of(user), cancellationToken);
        return TypedResults.Created($"/api/v1/appeals/{appeal.Id}", appeal);
    }

    private static async Task<Ok<IReadOnlyList<AppealView>>> List(ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cases.ListAppealsAsync(CurrentActor.Of(user), cancellationToken));

    private static async Task<Ok<AppealView>> Decide(long appealId, AppealDecisionBody body, ClaimsPrincipal user, CaseService cases, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cases.DecideAppealAsync(appealId, body.Grant, body.Reason, CurrentActor.Of(user), cancellationToken));
}
