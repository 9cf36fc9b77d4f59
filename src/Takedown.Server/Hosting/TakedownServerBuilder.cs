using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Takedown.Core.Jurisdictions;
using Takedown.Core.Media;
using Takedown.Server.Auth;
using Takedown.Server.Endpoints;
using Takedown.Server.Jobs;
using Takedown.Server.Matching;
using Takedown.Server.Web;
using Takedown.Server.Workflow;

namespace Takedown.Server.Hosting;

/// <summary>Service registration and the request pipeline.</summary>
internal static class TakedownServerBuilder
{
    private const string SmartScheme = "Smart";

    public static WebApplication Build(TakedownServerSettings settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings.Args],
            ApplicationName = typeof(TakedownServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls([.. settings.Urls]);

        // Request URLs can carry a status token: keep per-request hosting logs off. The hosting category is off
        // entirely (it logs nothing above Information that Kestrel and the exception handler do not log themselves):
        // while it is enabled at any level, every request also pays for a logging scope and an Activity with fresh
        // W3C ids (~7% of a /check request's CPU). An ActivityListener (e.g. OpenTelemetry tracing) still gets its
        // request activities, and configuration (Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics) can
        // turn the category back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        settings.Logging?.Invoke(builder.Logging);

        IServiceCollection services = builder.Services;
        services.AddOptions<TakedownOptions>().BindConfiguration(TakedownOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => settings.Configure?.Invoke(o));
        TakedownOptions options = new();
        builder.Configuration.GetSection(TakedownOptions.Section).Bind(options);
        settings.Configure?.Invoke(options);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxMediaBytes;
        });

        services.AddSingleton(settings.TimeProvider ?? TimeProvider.System);
        services.AddSingleton(_ => DataKeySetup.Apply(settings.Store(), builder.Configuration, settings.DataDirectory));
        services.AddSingleton(settings.Connector);
        services.AddSingleton(settings.Notifier);
        services.AddSingleton(sp => new MediaHasher(sp.GetRequiredService<IOptions<TakedownOptions>>().Value));
        services.AddSingleton<IMediaHasher>(sp => settings.Hasher ?? sp.GetRequiredService<MediaHasher>());
        services.AddSingleton(sp => new JurisdictionCatalog(settings.Jurisdictions, sp.GetRequiredService<IOptions<TakedownOptions>>().Value.DefaultJurisdiction));
        services.AddSingleton<BankIndex>();
        services.AddSingleton<ContentRegistrar>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<CopySweeper>();
        services.AddSingleton<DeadlineMonitor>();
        services.AddSingleton<RetentionService>();
        services.AddSingleton<CaseService>();
        services.AddSingleton<CheckService>();
        services.AddSingleton<ApiKeyCache>();

        services.AddHostedService<IndexSyncJob>();
        services.AddHostedService<RegistrarJob>();
        if (options.RunJobs)
        {
            services.AddHostedService<OutboxJob>();
            services.AddHostedService<DeadlineJob>();
            services.AddHostedService<RetentionJob>();
            services.AddHostedService<SweepJob>();
        }

        AddSecurity(services);
        services.AddTakedownDataProtection(builder.Configuration, settings.DataDirectory);
        services.AddApiAntiforgery();
        services.AddTakedownWeb();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(OpenApiSecurityTransformer.Register);
        Exchange.ExchangeRegistration.AddTakedownExchange(services);
        return builder.Build();
    }

    public static void Configure(WebApplication app)
    {
        TakedownOptions options = app.Services.GetRequiredService<IOptions<TakedownOptions>>().Value;
        app.UseExceptionHandler();
        app.UseCheckFastPath(); // API-key JSON calls to /api/v1/check, answered before routing (CheckFastPath.cs)
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApiAntiforgery();
        app.UseRateLimiter();

        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithName("Health").WithTags("Health").AllowAnonymous()
            .WithSummary("Liveness probe")
            .WithDescription("No authentication. Answers {\"status\":\"ok\"} while the process serves requests; it has no error answer (a dead node does not answer).")
            .Produces(StatusCodes.Status200OK);
        app.MapRequestEndpoints(options);
        app.MapCaseEndpoints();
        app.MapAppealEndpoints();
        app.MapCheckEndpoints();
        app.MapAdminEndpoints();
        app.MapAuthEndpoints(options);
        app.MapApiAntiforgery();
        Exchange.ExchangeRegistration.MapTakedownExchange(app);
        app.MapTakedownWeb();
    }

    private static void AddSecurity(IServiceCollection services)
    {
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.IsPresented(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "takedown.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Policies.Moderate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Moderator, Roles.Admin))
            .AddPolicy(Roles.Policies.Administer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Roles.Policies.Check, p => p.RequireAuthenticatedUser().RequireClaim(Roles.ScopeClaim, Roles.CheckScope, Roles.Admin))
            .AddPolicy(Roles.Policies.Connector, p => p.RequireAuthenticatedUser().RequireClaim(Roles.ScopeClaim, Roles.ConnectorScope, Roles.Admin));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimits.Public, context =>
            {
                int permits = context.RequestServices.GetRequiredService<IOptions<TakedownOptions>>().Value.PublicPermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests" },
                });
            };
        });
    }
}
