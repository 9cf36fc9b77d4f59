using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Server.Endpoints;

/// <summary>Moderator login and logout (cookie for the web UI; API clients use keys).</summary>
public static class AuthEndpoints
{
    /// <summary>Maps <c>/api/v1/auth</c>.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app, TakedownOptions options)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/auth").WithTags("Auth");

        api.MapPost("/login", Login).WithName("Login").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxJsonBodyBytes))
            .WithSummary("Log in as moderator or admin; sets an HttpOnly, SameSite=Strict session cookie")
            .WithDescription("No authentication; rate limited per client address. Answers the user name and role with the takedown.session cookie, or 401 problem+json for a wrong user name or password (the same answer for both).")
            .Produces<LoginResult>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/logout", Logout).WithName("Logout").RequireAuthorization()
            .WithSummary("End the session")
            .WithDescription("Any signed-in staff user: clears the session cookie; answers 204.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> Login(LoginBody body, HttpContext http, StaffService staff, CancellationToken cancellationToken)
    {
        ClaimsPrincipal? principal = await staff.SignInAsync(body.Username, body.Password, CookieAuthenticationDefaults.AuthenticationScheme, cancellationToken);
        if (principal is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong user name or password");
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Ok(new LoginResult(principal.Identity!.Name!, principal.FindFirst(ClaimTypes.Role)!.Value));
    }

    private static async Task<NoContent> Logout(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}
