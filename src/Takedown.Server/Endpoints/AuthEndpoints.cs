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
            .Produces<LoginResult>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/logout", Logout).WithName("Logout").RequireAuthorization()
            .WithSummary("End the session")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> Login(LoginBody body, HttpContext http, ITakedownStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        UserRecord? user;
        await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
        {
            user = await session.GetUserAsync(body.Username ?? string.Empty, cancellationToken);
        }

        // Hash even for unknown users so response time does not reveal which names exist.
        bool valid = PasswordHasher.Verify(body.Password ?? string.Empty, user?.PasswordHash ?? s_dummyHash.Value) && user is { Disabled: false };
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            await session.AppendAuditAsync(valid ? "user:" + user!.Username : "anonymous", valid ? "login.succeeded" : "login.failed", null,
                AuditDetail.Of(new { username = body.Username }), time.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        if (!valid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong user name or password");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user!.Username), new Claim(ClaimTypes.Role, user.Role)], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(new LoginResult(user.Username, user.Role));
    }

    private static async Task<NoContent> Logout(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static readonly Lazy<string> s_dummyHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString()));
}
