using Microsoft.AspNetCore.Authentication.Cookies;

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
}
