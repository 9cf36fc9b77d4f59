using System.Net;
using System.Net.Http.Json;
using Takedown.Server.Auth;
using Takedown.Server.Connectors;
using Takedown.Server.Hosting;

namespace Takedown.Cli.Tests.Service;

public sealed class ServeStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TakedownServerSettings Settings(ServiceDataDirectory data, string password)
    {
        var settings = new TakedownServerSettings
        {
            Store = () => new Takedown.Data.Sql.SqliteTakedownStore(Path.Combine(data.Root, "takedown.db")),
            Connector = new FolderConnector(data.Platform),
            Notifier = new FileNotifier(Path.Combine(data.Root, "notifications.jsonl")),
            InitialUser = new InitialUser("admin", password, Roles.Admin),
            Configure = o => o.RunJobs = false,
        };
        settings.Urls.Clear();
        settings.Urls.Add("http://127.0.0.1:0");
        return settings;
    }

    [Fact]
    public async Task StartAsync_FreshStore_CreatesAdminBeforeListening_OnlyOnce()
    {
        await using var data = new ServiceDataDirectory();
        Directory.CreateDirectory(data.Platform);

        // The very first request after start-up can log in: the account exists before the port opens.
        await using (TakedownServer server = await TakedownServer.StartAsync(Settings(data, "first-password-1"), Ct))
        {
            server.CreatedInitialUser.ShouldBeTrue();
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            (await client.PostAsJsonAsync("api/v1/auth/login", new { username = "admin", password = "first-password-1" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // A restart with another password neither creates nor changes the account.
        await using (TakedownServer server = await TakedownServer.StartAsync(Settings(data, "other-password-2"), Ct))
        {
            server.CreatedInitialUser.ShouldBeFalse();
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            (await client.PostAsJsonAsync("api/v1/auth/login", new { username = "admin", password = "first-password-1" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.PostAsJsonAsync("api/v1/auth/login", new { username = "admin", password = "other-password-2" }, Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        }
    }
}
