using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Sql;
using Takedown.Server.Auth;
using Takedown.Server.Connectors;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Exchange;

/// <summary>
/// A real <c>takedown serve</c> host on 127.0.0.1:0 with its own SQLite file, optionally publishing a signed feed,
/// with API keys per role. Background jobs are off; tests sync explicitly.
/// </summary>
internal sealed class ExchangeHost : IAsyncDisposable
{
    private ExchangeHost(string directory, TakedownServer server, FakeTimeProvider time)
    {
        Directory = directory;
        Server = server;
        Time = time;
    }

    public string Directory { get; }

    public TakedownServer Server { get; }

    public FakeTimeProvider Time { get; }

    public string AdminKey { get; private set; } = "";

    public string ModeratorKey { get; private set; } = "";

    public string CheckKey { get; private set; } = "";

    public ITakedownStore Store => Get<ITakedownStore>();

    public T Get<T>()
        where T : notnull => Server.Services.GetRequiredService<T>();

    public static async Task<ExchangeHost> StartAsync(string? feedId, string? feedPrivateKeyPem, CancellationToken cancellationToken)
    {
        string directory = Path.Combine(Path.GetTempPath(), "takedown-exchange-host", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var settings = new TakedownServerSettings
        {
            Store = () => new SqliteTakedownStore(Path.Combine(directory, "data", "takedown.db")),
            Connector = new FolderConnector(Path.Combine(directory, "platform")),
            Notifier = new NullNotifier(),
            TimeProvider = time,
            Configure = o =>
            {
                o.RunJobs = false;
                o.IndexSyncPeriod = TimeSpan.FromHours(1);
            },
        };
        settings.Urls.Clear();
        settings.Urls.Add("http://127.0.0.1:0");
        settings.Args.Add("--Takedown:Exchange:RunSync=false");
        if (feedId is not null)
        {
            settings.Args.Add($"--Takedown:Exchange:FeedId={feedId}");
        }

        if (feedPrivateKeyPem is not null)
        {
            File.WriteAllText(Path.Combine(directory, "feed.pem"), feedPrivateKeyPem);
            settings.Args.Add($"--Takedown:Exchange:FeedPrivateKeyFile={Path.Combine(directory, "feed.pem")}");
        }

        TakedownServer server = await TakedownServer.StartAsync(settings, cancellationToken);
        var host = new ExchangeHost(directory, server, time);
        host.AdminKey = await host.CreateKeyAsync("admin", [Roles.Admin], cancellationToken);
        host.ModeratorKey = await host.CreateKeyAsync("moderator", [Roles.Moderator], cancellationToken);
        host.CheckKey = await host.CreateKeyAsync("gate", [Roles.CheckScope], cancellationToken);
        return host;
    }

    public HttpClient WithKey(string key)
    {
        var client = new HttpClient { BaseAddress = Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = Server.BaseAddress };

    public async Task<string> CreateKeyAsync(string name, string[] scopes, CancellationToken cancellationToken)
    {
        (string key, string prefix) = ApiKeys.Create();
        await using ITakedownSession session = await Store.BeginAsync(write: true, cancellationToken);
        await session.InsertApiKeyAsync(prefix, SecretToken.Hash(key), name, scopes, Time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return key;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open from a finishing request; the temp cleaner gets it.
        }
    }

    private sealed class NullNotifier : INotifier
    {
        public Task NotifyAsync(string topic, string json, string idempotencyKey, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
