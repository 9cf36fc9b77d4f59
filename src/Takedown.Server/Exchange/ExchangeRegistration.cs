using Microsoft.Extensions.Options;
using Takedown.Server.Hma;
using Takedown.Server.Matching;

namespace Takedown.Server.Exchange;

/// <summary>Wires hash exchange, the HMA-compatible API and DSA exports into the service (one call each in the host builder).</summary>
public static class ExchangeRegistration
{
    /// <summary>Registers exchange services and, when enabled, the background sync.</summary>
    public static IServiceCollection AddTakedownExchange(this IServiceCollection services)
    {
        services.AddOptions<ExchangeOptions>().BindConfiguration(ExchangeOptions.Section).ValidateDataAnnotations();
        services.AddSingleton(sp => new ExchangeHttpClient(new HttpClient { Timeout = sp.GetRequiredService<IOptions<ExchangeOptions>>().Value.HttpTimeout }));
        services.AddSingleton(sp => new ExchangeService(
            sp.GetRequiredService<Data.ITakedownStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ExchangeOptions>>(),
            sp.GetRequiredService<ExchangeHttpClient>().Client, sp.GetRequiredService<BankIndex>()));
        services.AddSingleton<FeedPublisher>();
        services.AddSingleton<HashListService>();
        services.AddSingleton<TransparencyService>();
        services.AddSingleton<HmaMatcher>();
        services.AddHostedService<ExchangeSyncJob>();
        services.AddSingleton<OutcomeRecorder>();
        services.AddSingleton<IMatchObserver>(sp => sp.GetRequiredService<OutcomeRecorder>());
        services.AddHostedService<OutcomeRecorderJob>();
        return services;
    }

    /// <summary>Maps the HMA endpoints and the exchange/transparency REST endpoints.</summary>
    public static IEndpointRouteBuilder MapTakedownExchange(this IEndpointRouteBuilder app)
    {
        app.MapHmaEndpoints();
        app.MapExchangeEndpoints();
        return app;
    }

    /// <summary>The HTTP client of exchange calls (its own type, so it never collides with other registrations).</summary>
    private sealed record ExchangeHttpClient(HttpClient Client);
}
