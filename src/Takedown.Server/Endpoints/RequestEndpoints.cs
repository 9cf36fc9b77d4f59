using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Takedown.Core.Requests;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Server.Endpoints;

/// <summary>Public intake and the requester's own case (no account; the status token authenticates).</summary>
public static class RequestEndpoints
{
    /// <summary>Header alternative to the <c>token</c> query parameter (keeps the token out of URLs and logs).</summary>
    public const string TokenHeader = "X-Status-Token";

    /// <summary>Maps <c>/api/v1/requests</c>.</summary>
    public static IEndpointRouteBuilder MapRequestEndpoints(this IEndpointRouteBuilder app, TakedownOptions options)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/requests").WithTags("Requests").RequireRateLimiting(RateLimits.Public)
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxJsonBodyBytes)).AllowAnonymous();

        api.MapPost("/", Submit).WithName("SubmitRequest")
            .WithSummary("File a removal request (no account needed)")
            .WithDescription("Takes the four statutory elements. Incomplete requests are stored and the answer lists exactly what is missing. Returns the case number and a secret status token, shown only once.")
            .Accepts<RemovalRequest>("application/json")
            .Produces<SubmitResult>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/{caseNumber}", Get).WithName("GetRequestStatus")
            .WithSummary("The requester's view of a case")
            .WithDescription("Authenticated by the status token (query parameter token or header X-Status-Token). A wrong case number and a wrong token give the same 404.")
            .Produces<RequesterCaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/{caseNumber}/supplement", Supplement).WithName("SupplementRequest")
            .WithSummary("Add missing or requested information to a case")
            .WithDescription("Authenticated by the status token (query parameter token or header X-Status-Token). Body: the request fields to add; answers the requester's view of the case; 409 when the case's state no longer allows it.")
            .Accepts<RemovalRequest>("application/json")
            .Produces<RequesterCaseView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/{caseNumber}/withdraw", Withdraw).WithName("WithdrawRequest")
            .WithSummary("Withdraw a request: removed content is restored and its hashes released")
            .WithDescription("Authenticated by the status token (query parameter token or header X-Status-Token). Answers the requester's view of the case; 409 when the case's state no longer allows it.")
            .Produces<RequesterCaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Created<SubmitResult>> Submit(RemovalRequest request, CaseService cases, CancellationToken cancellationToken)
    {
        SubmitResult result = await cases.SubmitAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/requests/{result.CaseNumber}", result);
    }

    private static async Task<Ok<RequesterCaseView>> Get(string caseNumber, [FromQuery] string? token, HttpRequest http, CaseService cases, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cases.GetForRequesterAsync(caseNumber, TokenOf(token, http), cancellationToken));

    private static async Task<Ok<RequesterCaseView>> Supplement(string caseNumber, [FromQuery] string? token, RemovalRequest supplement, HttpRequest http, CaseService cases, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cases.SupplementAsync(caseNumber, TokenOf(token, http), supplement, cancellationToken));

    private static async Task<Ok<RequesterCaseView>> Withdraw(string caseNumber, [FromQuery] string? token, HttpRequest http, CaseService cases, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cases.WithdrawAsync(caseNumber, TokenOf(token, http), cancellationToken));

    private static string? TokenOf(string? query, HttpRequest http) =>
        http.Headers.TryGetValue(TokenHeader, out Microsoft.Extensions.Primitives.StringValues header) ? header.ToString() : query;
}
