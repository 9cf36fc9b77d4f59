// Hash exchange figures (bench/results/exchange.md). Run all of it from the repository root with
//   bench/exchange/run.sh [hashes=1000000] [changes=10000]
// which runs each part in its own process (so each peak RSS is that part's own) and prints a Markdown table:
//   ExchangeBench import sqlite|postgres N   `bank import` of a CSV of N random PDQ hashes into a fresh bank (one
//                                            transaction); also the parse-only time of the same file, as the floor.
//   ExchangeBench sync M                     a publisher deployment with M consented hashes, a subscriber deployment;
//                                            time from the start of one sync until the last hash blocks in /check.
// PostgreSQL: env TAKEDOWN_TEST_POSTGRES (a fresh schema is created and dropped).
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

string mode = args.Length > 0 ? args[0] : "import";
string root = Path.Combine(Path.GetTempPath(), "takedown-exchange-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
try
{
    if (mode == "import")
    {
        await ImportAsync(args.Length > 1 ? args[1] : "sqlite", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000);
    }
    else
    {
        await SyncBenchAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(root, recursive: true);
}

return;

// Peak resident set size of this process so far (VmHWM), in MB.
static double PeakRssMb()
{
    foreach (string line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    return double.NaN;
}

async Task ImportAsync(string storeName, int hashes)
{
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

    // The floor: reading and validating the file without any database work.
    var parseClock = Stopwatch.StartNew();
    int parsed = 0;
    using (var reader = new StreamReader(csv))
    {
        foreach (HashListEntry entry in HashListReader.Read(reader, HashListFormat.Csv))
        {
            parsed += entry.Key.Length > 0 ? 1 : 0;
        }
    }

    parseClock.Stop();
    string? schema = null;
    string? pg = Environment.GetEnvironmentVariable("TAKEDOWN_TEST_POSTGRES");
    ITakedownStore store;
    if (storeName == "postgres")
    {
        if (string.IsNullOrWhiteSpace(pg))
        {
            throw new InvalidOperationException("Set TAKEDOWN_TEST_POSTGRES to benchmark the PostgreSQL import.");
        }

        schema = "bench_" + Guid.NewGuid().ToString("N");
        await PgAsync(pg, $"CREATE SCHEMA {schema}");
        store = new PostgresTakedownStore(new Npgsql.NpgsqlConnectionStringBuilder(pg) { SearchPath = schema, ApplicationName = schema }.ToString());
    }
    else
    {
        store = new SqliteTakedownStore(Path.Combine(root, "import.db"));
    }

    try
    {
        await store.MigrateAsync(CancellationToken.None);
        double rssBefore = PeakRssMb();
        var backends = new Dictionary<int, double>();
        long walBefore = schema is null ? 0 : (await ServerCostAsync(pg!, schema, backends)).WalBytes;
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var reader = new StreamReader(csv);
        (int added, _) = await new HashListService(store, TimeProvider.System).ImportAsync("BIG_LIST", reader, HashListFormat.Csv, "bench", CancellationToken.None);
        clock.Stop();
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        double peak = PeakRssMb();

        // PostgreSQL: CPU time of the server backends serving this store (the pooled connections carry the schema's
        // name as application name; /proc of the same machine) and WAL bytes written meanwhile: both far less
        // sensitive to the machine's load than the wall time.
        string server = "";
        if (schema is not null)
        {
            (double serverCpu, long walAfter) = await ServerCostAsync(pg!, schema, backends);
            server = string.Create(CultureInfo.InvariantCulture, $"; server: {serverCpu:F2} s CPU of the import's backend, WAL {(walAfter - walBefore) / 1048576.0:F0} MB");
        }

        // The database's size after the import: SQLite file and WAL; PostgreSQL tables, indexes and TOAST of the schema.
        // (SQLite: the WAL file keeps its largest size until a truncating checkpoint, so it is shown apart.)
        string wal = schema is null ? string.Create(CultureInfo.InvariantCulture, $" (+ WAL file {FileBytes(Path.Combine(root, "import.db-wal")) / 1048576.0:F0} MB)") : "";
        double sizeMb = schema is null
            ? FileBytes(Path.Combine(root, "import.db")) / 1048576.0
            : await PgScalarAsync(pg!, $"SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{schema}' AND c.relkind = 'r'") / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| import {added:N0} PDQ hashes, {storeName} | {clock.Elapsed.TotalSeconds:F2} s wall ({added / clock.Elapsed.TotalSeconds:N0}/s), {cpu:F2} s CPU of this process{(storeName == "postgres" ? " (the server's work is not in it)" : "")}{server} | peak RSS {peak:F0} MB (before the import {rssBefore:F0} MB) | parse only: {parsed:N0} lines in {parseClock.Elapsed.TotalSeconds:F2} s; database {sizeMb:F0} MB{wal} |"));
    }
    finally
    {
        await store.DisposeAsync();
        if (schema is not null)
        {
            await PgAsync(pg!, $"DROP SCHEMA {schema} CASCADE");
        }
    }
}

// CPU seconds since their reading in `seen` (a backend not in it: since it started, and it is added) of the PostgreSQL
// backends whose application name is the bench schema (utime + stime from /proc, 100 ticks a second), and the
// server's WAL position in bytes.
static async Task<(double CpuSeconds, long WalBytes)> ServerCostAsync(string connectionString, string schema, Dictionary<int, double> seen)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    double cpu = 0;
    await using (var command = new Npgsql.NpgsqlCommand($"SELECT pid FROM pg_stat_activity WHERE application_name = '{schema}'", connection))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            int pid = reader.GetInt32(0);
            string stat = File.Exists($"/proc/{pid}/stat") ? await File.ReadAllTextAsync($"/proc/{pid}/stat") : "";
            string[] fields = stat.Length == 0 ? [] : stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double seconds = fields.Length > 12 ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0 : 0;
            cpu += seconds - seen.GetValueOrDefault(pid, 0);
            seen.TryAdd(pid, seconds);
        }
    }

    await using var wal = new Npgsql.NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
    return (cpu, Convert.ToInt64(await wal.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
}

static long FileBytes(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

static async Task<long> PgScalarAsync(string connectionString, string sql)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand(sql, connection);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static async Task PgAsync(string connectionString, string sql)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

async Task SyncBenchAsync(int changes)
{
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
        $"| feed sync of {result.Upserted:N0} changes ({result.Pages} signed pages) until the last hash {(decision.Contains("\"block\"", StringComparison.Ordinal) ? "blocks" : "does NOT block")} in /check | {syncClock.Elapsed.TotalSeconds:F2} s | peak RSS {PeakRssMb():F0} MB (both deployments in one process) | |"));
}

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
