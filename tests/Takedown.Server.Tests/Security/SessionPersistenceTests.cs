using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Takedown.Data.Sql;
using Takedown.Server.Auth;
using Takedown.Server.Connectors;
using Takedown.Server.Hosting;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Security;

/// <summary>
/// Data Protection keys and the data key live in the data directory: a restart (or a second node on the same data
/// directory) keeps moderators signed in, accepts their anti-forgery tokens and reads the encrypted requests.
/// </summary>
public sealed class SessionPersistenceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "takedown-session-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was created.
        }
    }

    private TakedownServerSettings Settings(string name, CapturingLoggerProvider? logs = null)
    {
        string data = Path.Combine(_root, name);
        var settings = new TakedownServerSettings
        {
            Store = () => new SqliteTakedownStore(Path.Combine(data, "takedown.db")),
            DataDirectory = data,
            Connector = new FolderConnector(Path.Combine(data, "platform")),
            Notifier = new CapturingNotifier(),
            TimeProvider = new FakeTimeProvider(ServiceHost.Start),
            InitialUser = new InitialUser("admin", "first admin password", Roles.Admin),
            Logging = logs is null ? null : l => l.AddProvider(logs),
            Configure = o =>
            {
                o.RunJobs = false;
                o.IndexSyncPeriod = TimeSpan.FromHours(1);
            },
        };
        settings.Urls.Clear();
        settings.Urls.Add("http://127.0.0.1:0");
        return settings;
    }

    private static HttpClient Browser(CookieContainer cookies, Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = cookies }, disposeHandler: true) { BaseAddress = baseAddress };

    /// <summary>Moves the cookies issued for one server's address to another's (ports differ between instances).</summary>
    private static CookieContainer Carry(CookieContainer from, Uri oldAddress, Uri newAddress)
    {
        var to = new CookieContainer();
        foreach (Cookie cookie in from.GetCookies(oldAddress))
        {
            to.Add(newAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        return to;
    }

    [Fact]
    public async Task Restart_OnTheSameDataDirectory_KeepsTheModeratorSignedIn_AndTheirTokenValid()
    {
        var cookies = new CookieContainer();
        Uri firstAddress;
        string token;
        SubmitResult filed;
        await using (TakedownServer first = await TakedownServer.StartAsync(Settings("node"), Ct))
        {
            firstAddress = first.BaseAddress;
            using HttpClient anonymous = new() { BaseAddress = firstAddress };
            filed = await Requests.FileAsync(anonymous, Requests.Complete("p/1.jpg", email: "persisted.marker@example.org"), Ct);
            using HttpClient browser = Browser(cookies, firstAddress);
            (await browser.PostAsJsonAsync("api/v1/auth/login", new { username = "admin", password = "first admin password" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            token = await CookieSessions.UseAntiforgeryAsync(browser, Ct);
        }

        string keys = Path.Combine(_root, "node", DataProtectionSetup.DefaultDirectoryName);
        Directory.GetFiles(keys, "key-*.xml").ShouldNotBeEmpty();
        File.Exists(Path.Combine(_root, "node", SqliteTakedownStore.KeyFileName)).ShouldBeTrue();

        await using TakedownServer second = await TakedownServer.StartAsync(Settings("node"), Ct);
        using HttpClient again = Browser(Carry(cookies, firstAddress, second.BaseAddress), second.BaseAddress);
        again.DefaultRequestHeaders.Add(ApiAntiforgery.HeaderName, token);

        (await again.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        CaseDetailView detail = await (await again.GetAsync($"api/v1/cases/{filed.CaseNumber}", Ct)).ReadAsync<CaseDetailView>(Ct);
        detail.Request.ContactEmail.ShouldBe("persisted.marker@example.org");
        (await again.PostAsJsonAsync($"api/v1/cases/{filed.CaseNumber}/notes", new { text = "after restart" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SecondNode_WithSharedKeyDirectory_AcceptsTheSession_ButOneWithOwnKeysDoesNot()
    {
        string shared = Path.Combine(_root, "shared-keys");
        TakedownServerSettings One() => WithArgs(Settings("one"), $"--{DataProtectionSetup.DirectorySetting}={shared}");
        TakedownServerSettings Two() => WithArgs(Settings("two"), $"--{DataProtectionSetup.DirectorySetting}={shared}");

        await using TakedownServer first = await TakedownServer.StartAsync(One(), Ct);
        await using TakedownServer second = await TakedownServer.StartAsync(Two(), Ct);
        await using TakedownServer stranger = await TakedownServer.StartAsync(Settings("stranger"), Ct);
        var cookies = new CookieContainer();
        using (HttpClient browser = Browser(cookies, first.BaseAddress))
        {
            (await browser.PostAsJsonAsync("api/v1/auth/login", new { username = "admin", password = "first admin password" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using HttpClient onSecond = Browser(Carry(cookies, first.BaseAddress, second.BaseAddress), second.BaseAddress);
        using HttpClient onStranger = Browser(Carry(cookies, first.BaseAddress, stranger.BaseAddress), stranger.BaseAddress);

        (await onSecond.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onStranger.GetAsync("api/v1/cases/queue", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Directory.GetFiles(shared, "key-*.xml").ShouldNotBeEmpty();
    }

    private static TakedownServerSettings WithArgs(TakedownServerSettings settings, string arg)
    {
        settings.Args.Add(arg);
        return settings;
    }
}
