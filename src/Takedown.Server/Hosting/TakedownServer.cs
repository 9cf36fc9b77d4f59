using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Takedown.Core.Platform;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;
using Takedown.Server.Endpoints;
using Takedown.Server.Matching;

namespace Takedown.Server.Hosting;

/// <summary>
/// The running service: built by <see cref="StartAsync"/> (used by <c>takedown serve</c> and by the tests), on a real
/// Kestrel port. Migrations run and the bank index is loaded before the first request is accepted.
/// </summary>
public sealed class TakedownServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TakedownServer(WebApplication app, bool createdInitialUser)
    {
        _app = app;
        CreatedInitialUser = createdInitialUser;
    }

    /// <summary>Whether <see cref="TakedownServerSettings.InitialUser"/> was created by this start (the store had no user).</summary>
    public bool CreatedInitialUser { get; }

    /// <summary>The service container (tests drive jobs through it).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The addresses actually bound (port 0 resolved).</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>The first bound address as a URI with a trailing slash.</summary>
    public Uri BaseAddress => new(Addresses[0].TrimEnd('/') + "/");

    /// <summary>Builds, migrates, loads the index, creates the initial user if there is none, and starts listening.</summary>
    public static async Task<TakedownServer> StartAsync(TakedownServerSettings settings, CancellationToken cancellationToken)
    {
        WebApplication app = TakedownServerBuilder.Build(settings);
        try
        {
            ITakedownStore store = app.Services.GetRequiredService<ITakedownStore>();
            await store.MigrateAsync(cancellationToken);
            await app.Services.GetRequiredService<BankIndex>().SyncAsync(store, cancellationToken);
            bool created = settings.InitialUser is { } initial && !await HasUsersAsync(app.Services, cancellationToken) &&
                await EnsureUserAsync(app.Services, initial.Username, initial.Password, initial.Role, cancellationToken);
            TakedownServerBuilder.Configure(app);
            await app.StartAsync(cancellationToken);
            return new TakedownServer(app, created);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the user if no user of that name exists; returns whether it was created.</summary>
    public Task<bool> EnsureUserAsync(string username, string password, string role, CancellationToken cancellationToken) =>
        EnsureUserAsync(Services, username, password, role, cancellationToken);

    /// <summary>Whether any user exists yet.</summary>
    public Task<bool> HasUsersAsync(CancellationToken cancellationToken) => HasUsersAsync(Services, cancellationToken);

    private static async Task<bool> EnsureUserAsync(IServiceProvider services, string username, string password, string role, CancellationToken cancellationToken)
    {
        ITakedownStore store = services.GetRequiredService<ITakedownStore>();
        TimeProvider time = services.GetRequiredService<TimeProvider>();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        if (await session.GetUserAsync(username, cancellationToken) is not null)
        {
            return false;
        }

        UserRecord user = await session.InsertUserAsync(username, PasswordHasher.Hash(password), role, time.GetUtcNow(), cancellationToken);
        await session.AppendAuditAsync("system", "user.created", null, Workflow.AuditDetail.Of(new { username = user.Username, role }), time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> HasUsersAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await services.GetRequiredService<ITakedownStore>().BeginAsync(write: false, cancellationToken);
        return await session.CountUsersAsync(cancellationToken) > 0;
    }

    /// <summary>The platform connector in use.</summary>
    public IPlatformConnector Connector => Services.GetRequiredService<IPlatformConnector>();

    /// <summary>Waits until the host shuts down (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the service gracefully.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
