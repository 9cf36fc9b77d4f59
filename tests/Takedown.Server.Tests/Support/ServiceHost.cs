using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Sql;
using Takedown.Server.Auth;
using Takedown.Server.Connectors;
using Takedown.Server.Hosting;

namespace Takedown.Server.Tests.Support;

/// <summary>
/// A real service on 127.0.0.1:0 over a temporary SQLite file and a temporary platform folder, with a fake clock,
/// captured logs and notifications, jobs driven by the test, and ready-made API keys for each role.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private ServiceHost(string directory, TakedownServer server, FakeTimeProvider time, CapturingNotifier notifier, CapturingLoggerProvider logs, FolderConnector platform)
    {
        Directory = directory;
        Server = server;
        Time = time;
        Notifier = notifier;
        Logs = logs;
        Platform = platform;
    }

    public string Directory { get; }

    public TakedownServer Server { get; }

    public FakeTimeProvider Time { get; }

    public CapturingNotifier Notifier { get; }

    public CapturingLoggerProvider Logs { get; }

    public FolderConnector Platform { get; }

    public string ModeratorKey { get; private set; } = "";

    public string AdminKey { get; private set; } = "";

    public string CheckKey { get; private set; } = "";

    public string ConnectorKey { get; private set; } = "";

    public T Get<T>()
        where T : notnull => Server.Services.GetRequiredService<T>();

    public static async Task<ServiceHost> StartAsync(Action<TakedownOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        string directory = Path.Combine(Path.GetTempPath(), "takedown-server-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var time = new FakeTimeProvider(Start);
        var notifier = new CapturingNotifier();
        var logs = new CapturingLoggerProvider();
        var platform = new FolderConnector(Path.Combine(directory, "platform"));
        var settings = new TakedownServerSettings
        {
            Store = () => new SqliteTakedownStore(Path.Combine(directory, "data", "takedown.db")),
            Connector = platform,
            Notifier = notifier,
            TimeProvider = time,
            Logging = l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace),
            Configure = o =>
            {
                o.RunJobs = false;

                // Local writes sync the index at once; a long period keeps FakeTimeProvider.Advance cheap.
                o.IndexSyncPeriod = TimeSpan.FromHours(1);
                o.PublicPermitsPerMinute = 10_000;
                configure?.Invoke(o);
            },
        };
        settings.Urls.Clear();
        settings.Urls.Add("http://127.0.0.1:0");
        TakedownServer server = await TakedownServer.StartAsync(settings, cancellationToken);
        var host = new ServiceHost(directory, server, time, notifier, logs, platform);
        host.ModeratorKey = await host.CreateKeyAsync("moderation client", [Roles.Moderator], cancellationToken);
        host.AdminKey = await host.CreateKeyAsync("admin client", [Roles.Admin], cancellationToken);
        host.CheckKey = await host.CreateKeyAsync("upload gate", [Roles.CheckScope], cancellationToken);
        host.ConnectorKey = await host.CreateKeyAsync("platform", [Roles.ConnectorScope], cancellationToken);
        return host;
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Server.BaseAddress };

    /// <summary>A client presenting an API key as a bearer token.</summary>
    public HttpClient WithKey(string key)
    {
        HttpClient client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Writes a file into the platform folder.</summary>
    public void Upload(string contentId, byte[] bytes)
    {
        string path = Path.Combine(Platform.Root, contentId);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public bool IsLive(string contentId) => File.Exists(Path.Combine(Platform.Root, contentId));

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
            // A file still held open by a finishing request; the OS temp cleaner gets it.
        }
    }

    private async Task<string> CreateKeyAsync(string name, string[] scopes, CancellationToken cancellationToken)
    {
        (string key, string prefix) = ApiKeys.Create();
        ITakedownStore store = Get<ITakedownStore>();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        await session.InsertApiKeyAsync(prefix, SecretToken.Hash(key), name, scopes, Time.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return key;
    }
}

/// <summary>JSON helpers for tests.</summary>
internal static class HttpJson
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ShouldAssertException($"HTTP {(int)response.StatusCode}: {body}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
    }
}
