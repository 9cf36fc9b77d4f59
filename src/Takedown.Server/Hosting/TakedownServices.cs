using Takedown.Data;

namespace Takedown.Server.Hosting;

/// <summary>
/// The service's components without the web server: the same registrations, options, store and connector as
/// <see cref="TakedownServer"/>, migrations applied, nothing listening and no background job running. Used by the
/// commands that work on a service's data from the command line (<c>takedown sweep</c>, <c>takedown report</c>).
/// </summary>
public sealed class TakedownServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TakedownServices(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The service container.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds the components and applies migrations.</summary>
    public static async Task<TakedownServices> OpenAsync(TakedownServerSettings settings, CancellationToken cancellationToken)
    {
        WebApplication app = TakedownServerBuilder.Build(settings);
        try
        {
            await app.Services.GetRequiredService<ITakedownStore>().MigrateAsync(cancellationToken);
            return new TakedownServices(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
