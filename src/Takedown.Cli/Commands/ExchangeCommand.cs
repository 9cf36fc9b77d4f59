using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Data.Sql;
using Takedown.Server.Exchange;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown exchange add|list|sync|remove</c>: manage hash exchanges directly in the database (SQLite file or
/// PostgreSQL) that <c>takedown serve</c> uses; a running service picks the changes up through its change sequence.
/// </summary>
internal static class ExchangeCommand
{
    public static Command Create()
    {
        var command = new Command("exchange", "Manage hash exchanges: StopNCII-style partner feeds and other Takedown deployments' feeds.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Sync());
        command.Subcommands.Add(Remove());
        return command;
    }

    /// <summary>The <c>--db</c> option shared by the exchange and bank commands.</summary>
    internal static Option<string> DbOption() => new("--db")
    {
        HelpName = "FILE",
        Description = "SQLite database file of the service (ignored with --postgres).",
        DefaultValueFactory = _ => Path.Combine("data", "takedown.db"),
    };

    /// <summary>The <c>--postgres</c> option shared by the exchange and bank commands.</summary>
    internal static Option<string?> PostgresOption() => new("--postgres") { HelpName = "CONNECTION", Description = "PostgreSQL connection string (instead of --db), e.g. 'Host=localhost;Database=takedown;Username=takedown'." };

    /// <summary>Opens and migrates the store named by the options.</summary>
    internal static async Task<ITakedownStore> OpenAsync(ParseResult parseResult, Option<string> db, Option<string?> postgres, CancellationToken cancellationToken)
    {
        string? pg = parseResult.GetValue(postgres);
        ITakedownStore store = pg is not null ? new PostgresTakedownStore(pg) : new SqliteTakedownStore(parseResult.GetValue(db)!);
        await store.MigrateAsync(cancellationToken);
        return store;
    }

    private static ExchangeService Service(ITakedownStore store, HttpClient http) =>
        new(store, TimeProvider.System, Options.Create(new ExchangeOptions()), http);

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "Name of the exchange and of the bank its hashes go to (A-Z, 0-9, _)." };
        var type = new Option<string>("--type")
        {
            HelpName = "stop_ncii|takedown",
            Description = "The exchange's kind: stop_ncii (a StopNCII-style partner API) or takedown (another Takedown deployment's signed feed).",
            Required = true,
        };
        var config = new Option<string?>("--config")
        {
            HelpName = "JSON",
            Description = "JSON configuration. stop_ncii: base_url, subscription_key, fetch_function_key, feedback_function_key. takedown: url, feed_id, public_key, api_key.",
        };

        // Not "@FILE": System.CommandLine reads @-arguments as response files (and strips the JSON's quotes).
        var configFile = new Option<string?>("--config-file") { HelpName = "FILE", Description = "Read the JSON configuration from this file instead of --config." };
        Option<string> db = DbOption();
        Option<string?> postgres = PostgresOption();
        var command = new Command("add", "Subscribe to an exchange (creates its bank); the first sync fetches its hashes.") { name, type, config, configFile, db, postgres };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(config) is null) == (result.GetValue(configFile) is null))
            {
                result.AddError("Give the configuration with exactly one of --config or --config-file.");
            }
        });
        command.SetAction(async (parseResult, ct) =>
        {
            string? file = parseResult.GetValue(configFile);
            string json = file is not null ? await File.ReadAllTextAsync(file, ct) : parseResult.GetValue(config)!;

            return await RunAsync(parseResult, db, postgres, async (store, output) =>
            {
                using var http = new HttpClient();
                ExchangeConfigRecord record = await Service(store, http).AddAsync(parseResult.GetValue(name)!, parseResult.GetValue(type)!, json, "cli", ct);
                await output.WriteLineAsync($"added exchange {record.Name} ({record.Type})");
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command List()
    {
        Option<string> db = DbOption();
        Option<string?> postgres = PostgresOption();
        var command = new Command("list", "List exchanges, one NAME,TYPE,ENABLED,LAST_SYNC,UP_TO_DATE,ITEMS,LAST_ERROR line each (LAST_SYNC in ISO 8601 UTC, or never).") { db, postgres };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, db, postgres, async (store, output) =>
        {
            using var http = new HttpClient();
            foreach (ExchangeConfigRecord e in await Service(store, http).ListAsync(ct))
            {
                await output.WriteLineAsync(string.Join(',',
                    e.Name, e.Type, e.Enabled ? "enabled" : "disabled", e.LastSyncAt?.ToString("O", CultureInfo.InvariantCulture) ?? "never",
                    e.UpToDate ? "up-to-date" : "behind", e.FetchedItems.ToString(CultureInfo.InvariantCulture), e.LastError ?? ""));
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command Sync()
    {
        var name = new Argument<string?>("NAME") { Description = "The exchange to sync (every enabled one when omitted).", Arity = ArgumentArity.ZeroOrOne };
        Option<string> db = DbOption();
        Option<string?> postgres = PostgresOption();
        var command = new Command("sync", "Fetch each exchange's changes since its stored checkpoint and apply them to its bank; prints NAME,PAGES,UPSERTED,DELETED,STATUS per exchange, exit code 1 if one failed.") { name, db, postgres };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, db, postgres, async (store, output) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            ExchangeService service = Service(store, http);
            string? one = parseResult.GetValue(name);
            IReadOnlyDictionary<string, ExchangeSyncResult> results = one is null
                ? await service.SyncAllAsync(ct)
                : new Dictionary<string, ExchangeSyncResult> { [one] = await service.SyncAsync(one, ct) };
            int exit = 0;
            foreach ((string exchange, ExchangeSyncResult r) in results)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{exchange},{r.Pages},{r.Upserted},{r.Deleted},{(r.Failed ? "error: " + r.Error : "ok")}"));
                exit = r.Failed && !r.UpToDate && r.Error!.StartsWith("stopped after", StringComparison.Ordinal) ? exit : r.Failed ? 1 : exit;
            }

            return exit;
        }, ct));
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("NAME") { Description = "The exchange to remove." };
        Option<string> db = DbOption();
        Option<string?> postgres = PostgresOption();
        var command = new Command("remove", "Unsubscribe: removes the exchange and its bank; its hashes stop matching.") { name, db, postgres };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, db, postgres, async (store, output) =>
        {
            using var http = new HttpClient();
            string exchange = parseResult.GetValue(name)!;
            if (!await Service(store, http).RemoveAsync(exchange, "cli", ct))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"no exchange named {exchange}");
                return 1;
            }

            await output.WriteLineAsync($"removed exchange {exchange}");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Opens the store, runs <paramref name="work"/>, and turns domain failures into a message and exit code 1.</summary>
    internal static async Task<int> RunAsync(ParseResult parseResult, Option<string> db, Option<string?> postgres, Func<ITakedownStore, TextWriter, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using ITakedownStore store = await OpenAsync(parseResult, db, postgres, cancellationToken);
            return await work(store, parseResult.InvocationConfiguration.Output);
        }
        catch (TakedownException e)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
