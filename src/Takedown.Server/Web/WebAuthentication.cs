using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Web;

/// <summary>
/// The staff pages sign in with the service's session cookie (the scheme <c>/api/v1/auth/login</c> uses), so one
/// session serves the pages and the API. Only the redirects differ: a page sends a signed-out visitor to the login
/// page, the API answers 401/403.
/// </summary>
public static class WebAuthentication
{
    /// <summary>Authentication scheme of the staff session cookie.</summary>
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Name of the anti-forgery cookie.</summary>
    public const string AntiforgeryCookieName = "takedown.antiforgery";

    /// <summary>Whether a request is for a staff page (which redirects to the login page instead of answering 401).</summary>
    public static bool IsStaffPage(HttpRequest request) =>
        request.Path.StartsWithSegments("/moderate", StringComparison.OrdinalIgnoreCase) ||
        request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes the service's cookie redirect staff page requests to the login page; API requests are unchanged.</summary>
    internal static void RedirectPagesToLogin(CookieAuthenticationOptions options)
    {
        options.LoginPath = WebPolicies.LoginPath;
        options.AccessDeniedPath = WebPolicies.LoginPath;
        CookieAuthenticationEvents events = options.Events;
        Func<Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions>, Task> login = events.OnRedirectToLogin;
        Func<Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions>, Task> denied = events.OnRedirectToAccessDenied;
        events.OnRedirectToLogin = context =>
        {
            if (!IsStaffPage(context.Request))
            {
                return login(context);
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
        Func<CookieValidatePrincipalContext, Task> validate = events.OnValidatePrincipal;
        events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            await RevalidateAsync(context);
        };
        events.OnRedirectToAccessDenied = context =>
        {
            if (!IsStaffPage(context.Request))
            {
                return denied(context);
            }

            context.Response.Redirect(context.RedirectUri + "&denied=1");
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Checks a session against the stored account on every request: a deleted or disabled account's session ends at
    /// once, and a changed role takes effect at the next request (the cookie is renewed with it).
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        string? name = context.Principal?.Identity?.Name;
        if (name is null)
        {
            return;
        }

        ITakedownStore store = context.HttpContext.RequestServices.GetRequiredService<ITakedownStore>();
        UserRecord? user;
        await using (ITakedownSession session = await store.BeginAsync(write: false, context.HttpContext.RequestAborted))
        {
            user = await session.GetUserAsync(name, context.HttpContext.RequestAborted);
        }

        if (user is null || user.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        if (!context.Principal!.IsInRole(user.Role) || context.Principal.FindAll(ClaimTypes.Role).Count() != 1)
        {
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, user.Username), new Claim(ClaimTypes.Role, user.Role)], Scheme, ClaimTypes.Name, ClaimTypes.Role);
            context.ReplacePrincipal(new ClaimsPrincipal(identity));
            context.ShouldRenew = true;
        }
    }
}
