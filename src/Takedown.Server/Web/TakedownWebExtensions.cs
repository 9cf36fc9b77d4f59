using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Takedown.Server.Auth;
using Takedown.Server.Components;
using Takedown.Server.Workflow;

namespace Takedown.Server.Web;

/// <summary>
/// Hooks the people-facing pages into the service's host: <see cref="AddTakedownWeb"/> with the services,
/// <see cref="MapTakedownWeb"/> after authentication and authorization.
/// </summary>
public static class TakedownWebExtensions
{
    /// <summary>Razor components (static server rendering), anti-forgery, login redirects for the pages and the page services.</summary>
    public static IServiceCollection AddTakedownWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = WebAuthentication.AntiforgeryCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.PostConfigure<CookieAuthenticationOptions>(WebAuthentication.Scheme, WebAuthentication.RedirectPagesToLogin);
        services.TryAddSingleton<StaffService>();
        services.TryAddSingleton<ApiKeyService>();
        services.TryAddSingleton<JurisdictionSettings>();
        services.AddHostedService(sp => sp.GetRequiredService<JurisdictionSettings>());
        services.AddSingleton<ReportBuilder>();
        services.AddSingleton<BankOverview>();
        services.AddSingleton<BankLists>();
        services.AddSingleton<CaseAuditTrail>();
        services.AddSingleton<PublicFormLimiter>();
        return services;
    }

    /// <summary>
    /// Security headers, the embedded static files under <c>/static</c>, anti-forgery, the pages and their few plain
    /// endpoints (sign-out, previews, CSV downloads). Call after <c>UseAuthentication</c> and <c>UseAuthorization</c>.
    /// </summary>
    public static WebApplication MapTakedownWeb(this WebApplication app)
    {
        app.UseWebSecurityHeaders();
        PublicFormLimiter limiter = app.Services.GetRequiredService<PublicFormLimiter>();
        app.Use(async (context, next) =>
        {
            if (PublicFormLimiter.Applies(context.Request) && !limiter.TryAcquire(context))
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "60";
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Too many attempts from your connection. Please wait a minute and try again.", context.RequestAborted);
                return;
            }

            await next(context);
        });
        app.UseStaticFilesBeforeNotFound();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = StaticAssets.Files,
            RequestPath = StaticAssets.RequestPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=300",
        });
        app.UseNotFoundForNonBrowsers();
        app.UseAntiforgery();
        app.MapRazorComponents<App>();
        app.MapPost("/logout", SignOutAsync).ExcludeFromDescription();
        app.MapWebDownloads();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(WebAuthentication.Scheme);
        return Results.Redirect(WebPolicies.LoginPath);
    }
}
