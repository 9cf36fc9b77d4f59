using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Takedown.Core.Exchange.Files;
using Takedown.Server.Exchange;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown bank import BANK FILE</c> and <c>takedown bank export BANK [FILE]</c>: hash lists in the
/// ThreatExchange/HMA CSV form, the <c>takedown hash</c> output, <c>takedown match</c> bank files or pytx lines, into
/// and out of a named bank of the service's database. Attached to the <c>bank</c> command by <see cref="AttachTo"/>.
/// </summary>
internal static class BankImportExportCommands
{
    /// <summary>Adds <c>import</c> and <c>export</c> to the <c>bank</c> command.</summary>
    public static void AttachTo(Command bank)
    {
        foreach (Command sub in Create())
        {
            bank.Subcommands.Add(sub);
        }
    }

    /// <summary>The <c>import</c> and <c>export</c> subcommands.</summary>
    public static IEnumerable<Command> Create()
    {
        yield return Import();
        yield return Export();
    }

    private static Option<string> FormatOption(string fallback) => new("--format")
    {
        HelpName = fallback == "auto" ? "auto|csv|hash|bank|pytx" : "csv|hash|bank|pytx",
        Description = "csv (ThreatExchange/HMA: signal_type,signal_value,label), hash (takedown hash output), bank (HASH[,LABEL]), pytx ('<type> <hash>')" + (fallback == "auto" ? ", or auto." : "."),
        DefaultValueFactory = _ => fallback,
    };

    private static Command Import()
    {
        var bank = new Argument<string>("BANK") { Description = "Name of the service's bank (A-Z, 0-9, _); created if missing." };
        var file = new Argument<string>("FILE") { Description = "The hash list to import ('-' reads standard input)." };
        Option<string> format = FormatOption("auto");
        Option<string> db = ExchangeCommand.DbOption();
        Option<string?> postgres = ExchangeCommand.PostgresOption();
        var command = new Command("import", "Import a hash list into a named bank of the service in one transaction (a bad line imports nothing); prints the counts added and updated.") { bank, file, format, db, postgres };
        command.SetAction((parseResult, ct) => ExchangeCommand.RunAsync(parseResult, db, postgres, async (store, output) =>
        {
            if (!HashListWriter.TryParseFormat(parseResult.GetValue(format), out HashListFormat listFormat))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("unknown --format");
                return 2;
            }

            string path = parseResult.GetValue(file)!;
            var clock = Stopwatch.StartNew();
            using TextReader reader = path == "-" ? Console.In : new StreamReader(path);
            (int added, int updated) = await new HashListService(store, TimeProvider.System).ImportAsync(parseResult.GetValue(bank)!, reader, listFormat, "cli", ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"imported {added} new hashes, {updated} labels updated, in {clock.Elapsed.TotalSeconds:F1} s"));
            return 0;
        }, ct));
        return command;
    }

    private static Command Export()
    {
        var bank = new Argument<string>("BANK") { Description = "Name of the service's bank to export." };
        var file = new Argument<string?>("FILE") { Description = "Output file (standard output when omitted).", Arity = ArgumentArity.ZeroOrOne };
        Option<string> format = FormatOption("csv");
        Option<string> db = ExchangeCommand.DbOption();
        Option<string?> postgres = ExchangeCommand.PostgresOption();
        var command = new Command("export", "Export a named bank of the service as a hash list.") { bank, file, format, db, postgres };
        command.SetAction((parseResult, ct) => ExchangeCommand.RunAsync(parseResult, db, postgres, async (store, output) =>
        {
            if (!HashListWriter.TryParseFormat(parseResult.GetValue(format), out HashListFormat listFormat))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("unknown --format");
                return 2;
            }

            string? path = parseResult.GetValue(file);
            await using TextWriter writer = path is null ? TextWriter.Null : new StreamWriter(path);
            int written = await new HashListService(store, TimeProvider.System).ExportAsync(parseResult.GetValue(bank)!, path is null ? output : writer, listFormat, ct);
            if (path is not null)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported {written} hashes to {path}"));
            }

            return 0;
        }, ct));
        return command;
    }
}
