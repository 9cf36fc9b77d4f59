// Hash exchange figures (bench/results/exchange.md). Run from the repository root:
//   dotnet run -c Release --project bench/exchange -- [hashes=1000000] [changes=10000]
// 1. `bank import` path: a CSV of N random PDQ hashes into a fresh SQLite bank (one transaction); wall time and the
//    process's peak working set.
// 2. Feed sync: a publisher deployment with M consented hashes, a subscriber deployment; time from the start of one
//    sync until the last hash blocks in the subscriber's /api/v1/check.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Takedown.Core.Cases;
using Takedown.Core.Exchange.Feed;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Core.Requests;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Data.Sql;
using Takedown.Server.Auth;
using Takedown.Server.Connectors;
using Takedown.Server.Exchange;
using Takedown.Server.Hosting;
using Takedown.Server.Matching;

int hashes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
int changes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
string root = Path.Combine(Path.GetTempPath(), "takedown-exchange-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}");

// 1. Import.
string csv = Path.Combine(root, "list.csv");
await using (var writer = new StreamWriter(csv))
{
    await writer.WriteAsync("signal_type,signal_value,label\n");
    byte[] buffer = new byte[32];
    var random = new Random(42);
    for (int i = 0; i < hashes; i++)
    {
        random.NextBytes(buffer);
        await writer.WriteAsync($"pdq,{Convert.ToHexStringLower(buffer)},list\n");
    }
}

long before = Process.GetCurrentProcess().PeakWorkingSet64;
await using (var store = new SqliteTakedownStore(Path.Combine(root, "import.db")))
{
    await store.MigrateAsync(CancellationToken.None);
    var clock = Stopwatch.StartNew();
    using var reader = new StreamReader(csv);
    (int added, _) = await new HashListService(store, TimeProvider.System).ImportAsync("BIG_LIST", reader, HashListFormat.Csv, "bench", CancellationToken.None);
    clock.Stop();
    using var process = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"import: {added:N0} hashes in {clock.Elapsed.TotalSeconds:F2} s ({added / clock.Elapsed.TotalSeconds:N0}/s), peak working set {process.PeakWorkingSet64 / 1e6:F0} MB (before import {before / 1e6:F0} MB); target < 10 s, < 500 MB"));
}

// 2. Feed sync until /check blocks.
(string privateKey, string publicKey) = FeedSignature.CreateKeyPair();
await using TakedownServer publisher = await StartAsync("pub", ["--Takedown:Exchange:FeedId=pub", "--Takedown:Exchange:FeedPrivateKeyPem=" + privateKey]);
await using TakedownServer subscriber = await StartAsync("sub", []);
string last = "";
await using (ITakedownSession session = await Store(publisher).BeginAsync(write: true, CancellationToken.None))
{
    DateTimeOffset now = DateTimeOffset.UtcNow;
    CaseRecord c = await session.InsertCaseAsync(new NewCase("TD-BENCH", CaseStatus.Removed, "US", now, now.AddHours(48), now, new byte[32],
        new RemovalRequest { SignatureName = "b", SignatureAttested = true, Locations = ["x"], GoodFaithAttested = true, ContactEmail = "b@example.org" }, "[]"), CancellationToken.None);
    for (int i = 0; i < changes; i++)
    {
        last = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));
        await session.InsertBankEntryAsync(c.Id, c.CaseNumber, null, HashKind.Pdq, last, 100, now, CancellationToken.None);
    }

    await session.Exchange().SetShareConsentAsync("TD-BENCH", true, now, CancellationToken.None);
    await session.CommitAsync(CancellationToken.None);
}

string partnerKey = await KeyAsync(publisher, [Roles.CheckScope]);
string gateKey = await KeyAsync(subscriber, [Roles.CheckScope]);
ExchangeService exchanges = subscriber.Services.GetRequiredService<ExchangeService>();
await exchanges.AddAsync("PUB", "takedown", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["url"] = new Uri(publisher.BaseAddress, "api/v1/exchange/feed").AbsoluteUri, ["feed_id"] = "pub", ["public_key"] = publicKey, ["api_key"] = partnerKey, ["page_size"] = 1000,
}), "bench", CancellationToken.None);
using var gate = new HttpClient { BaseAddress = subscriber.BaseAddress };
gate.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", gateKey);
var syncClock = Stopwatch.StartNew();
var result = await exchanges.SyncAsync("PUB", CancellationToken.None);
HttpResponseMessage check = await gate.PostAsJsonAsync("api/v1/check", new { pdq = last });
string decision = await check.Content.ReadAsStringAsync();
syncClock.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"feed sync: {result.Upserted:N0} changes in {result.Pages} signed pages, last hash {(decision.Contains("\"block\"", StringComparison.Ordinal) ? "blocked" : "NOT blocked")} in /check {syncClock.Elapsed.TotalSeconds:F2} s after the sync started"));
Directory.Delete(root, recursive: true);
return;

async Task<TakedownServer> StartAsync(string name, string[] extra)
{
    var settings = new TakedownServerSettings
    {
        Store = () => new SqliteTakedownStore(Path.Combine(root, name, "takedown.db")),
        Connector = new FolderConnector(Path.Combine(root, name, "platform")),
        Notifier = new FileNotifier(Path.Combine(root, name, "notifications")),
        Configure = o => o.RunJobs = false,
        Logging = l => l.SetMinimumLevel(LogLevel.Warning),
    };
    settings.Urls.Clear();
    settings.Urls.Add("http://127.0.0.1:0");
    settings.Args.Add("--Takedown:Exchange:RunSync=false");
    foreach (string a in extra)
    {
        settings.Args.Add(a);
    }

    return await TakedownServer.StartAsync(settings, CancellationToken.None);
}

static ITakedownStore Store(TakedownServer server) => server.Services.GetRequiredService<ITakedownStore>();

static async Task<string> KeyAsync(TakedownServer server, string[] scopes)
{
    (string key, string prefix) = ApiKeys.Create();
    await using ITakedownSession session = await Store(server).BeginAsync(write: true, CancellationToken.None);
    await session.InsertApiKeyAsync(prefix, SecretToken.Hash(key), "bench", scopes, DateTimeOffset.UtcNow, CancellationToken.None);
    await session.CommitAsync(CancellationToken.None);
    return key;
}
