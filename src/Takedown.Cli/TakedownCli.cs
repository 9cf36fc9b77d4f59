using System.CommandLine;
using Takedown.Cli.Commands;

namespace Takedown.Cli;

/// <summary>The <c>takedown</c> command tree. Each subcommand lives in <c>Commands/</c>, one file each.</summary>
public static class TakedownCli
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "Takedown: take non-consensual intimate imagery down and keep it down. " +
            "Hash and match media, and run the takedown service.");
        foreach (Command command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers (tests capture them).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return CreateRootCommand().Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    private static IEnumerable<Command> Commands()
    {
        // One line per subcommand, in the order `takedown --help` lists them.
        yield return HashCommand.Create();
        yield return MatchCommand.Create();
        yield return BankCommand.Create();
        yield return ServeCommand.Create();
        yield return SweepCommand.Create();
        yield return ReportCommand.Create();
        yield return ExchangeCommand.Create();
        yield return VersionInfoCommand.Create();
    }
}
