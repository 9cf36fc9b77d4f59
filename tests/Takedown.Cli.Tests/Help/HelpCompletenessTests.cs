using System.CommandLine;

namespace Takedown.Cli.Tests.Help;

/// <summary>
/// <c>takedown --help</c> is the command line's manual: every command, option and argument of the tree says what it
/// does, every option that takes a value names it (<c>--bank &lt;BANK&gt;</c>, not <c>--bank &lt;bank&gt;</c>), and the
/// help of every command runs and lists what it holds.
/// </summary>
public sealed class HelpCompletenessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void FindGaps_WholeCommandTree_EveryCommandOptionAndArgumentDescribed()
    {
        // Given the command tree `takedown` runs.
        RootCommand root = TakedownCli.CreateRootCommand();

        // When it is walked.
        List<string> gaps = FindGaps(root);

        // Then nothing lacks a description or a value name.
        gaps.ShouldBeEmpty(string.Join('\n', gaps));
    }

    [Fact]
    public void FindGaps_UndescribedPieces_AreEachNamed()
    {
        // Given a tree with one bare command, option and argument, and an option whose value has no name.
        var root = new RootCommand("Root.");
        var bare = new Command("bare") { new Option<string>("--thing"), new Argument<string>("path") };
        var named = new Command("named", "Named.") { new Option<int>("--count") { Description = "How many." } };
        root.Subcommands.Add(bare);
        root.Subcommands.Add(named);

        // When
        List<string> gaps = FindGaps(root);

        // Then each is named.
        gaps.ShouldBe(
        [
            "root bare: no description",
            "root bare --thing: no description",
            "root bare --thing: no value name (HelpName)",
            "root bare path: no description",
            "root bare path: argument name is not upper case",
            "root named --count: no value name (HelpName)",
        ]);
    }

    [Fact]
    public async Task Help_EveryCommand_ExitsZeroAndListsItsSubcommandsOptionsAndArguments()
    {
        foreach ((string[] path, Command command) in Walk(TakedownCli.CreateRootCommand(), []))
        {
            // Given `takedown [COMMAND...] --help`.
            var output = new StringWriter();
            var error = new StringWriter();

            // When
            int exit = await TakedownCli.RunAsync([.. path, "--help"], output, error, Ct);

            // Then it succeeds and shows everything the command holds.
            string name = string.Join(' ', ["takedown", .. path]);
            string help = output.ToString();
            exit.ShouldBe(0, $"{name} --help: {error}");
            error.ToString().ShouldBeEmpty();
            foreach (Command sub in command.Subcommands)
            {
                help.ShouldContain($"  {sub.Name} ", Case.Sensitive, $"{name} --help does not list {sub.Name}:\n{help}");
            }

            foreach (Option option in command.Options)
            {
                help.ShouldContain(option.Name, Case.Sensitive, $"{name} --help does not list {option.Name}:\n{help}");
            }

            foreach (Argument argument in command.Arguments)
            {
                help.ShouldContain($"<{argument.Name}>", Case.Sensitive, $"{name} --help does not list {argument.Name}:\n{help}");
            }
        }
    }

    [Fact]
    public void CommandTree_ProductContract_HashAndMatchHaveTheDocumentedNames()
    {
        // Given the contract of product.md: `takedown hash [--dihedral] PATH...` and
        // `takedown match --bank BANK [--threshold 31] [--no-dihedral] PATH...`.
        RootCommand root = TakedownCli.CreateRootCommand();
        Command hash = root.Subcommands.Single(c => c.Name == "hash");
        Command match = root.Subcommands.Single(c => c.Name == "match");

        // Then the names, value names and arities are those.
        hash.Options.ShouldContain(o => o.Name == "--dihedral");
        hash.Arguments.ShouldHaveSingleItem().Name.ShouldBe("PATH");
        hash.Arguments[0].Arity.MaximumNumberOfValues.ShouldBeGreaterThan(1);
        Option bank = match.Options.Single(o => o.Name == "--bank");
        bank.Required.ShouldBeTrue();
        bank.HelpName.ShouldBe("BANK");
        match.Options.Single(o => o.Name == "--threshold").Description.ShouldNotBeNull().ShouldContain("31");
        match.Options.ShouldContain(o => o.Name == "--no-dihedral");
        match.Arguments.ShouldHaveSingleItem().Name.ShouldBe("PATH");
    }

    /// <summary>Every gap in the tree under <paramref name="root"/>, one line each.</summary>
    internal static List<string> FindGaps(Command root)
    {
        var gaps = new List<string>();
        foreach ((string[] path, Command command) in Walk(root, []))
        {
            string name = string.Join(' ', ["root", .. path]);
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                gaps.Add($"{name}: no description");
            }

            foreach (Option option in command.Options)
            {
                if (string.IsNullOrWhiteSpace(option.Description))
                {
                    gaps.Add($"{name} {option.Name}: no description");
                }

                if (option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0 && string.IsNullOrWhiteSpace(option.HelpName) && option.CompletionSources.Count == 0)
                {
                    gaps.Add($"{name} {option.Name}: no value name (HelpName)");
                }
            }

            foreach (Argument argument in command.Arguments)
            {
                if (string.IsNullOrWhiteSpace(argument.Description))
                {
                    gaps.Add($"{name} {argument.Name}: no description");
                }

                if (argument.Name.Any(char.IsAsciiLetterLower))
                {
                    gaps.Add($"{name} {argument.Name}: argument name is not upper case");
                }
            }
        }

        return gaps;
    }

    /// <summary>The command and every command under it, each with the words that reach it.</summary>
    private static IEnumerable<(string[] Path, Command Command)> Walk(Command command, string[] path)
    {
        yield return (path, command);
        foreach (Command sub in command.Subcommands)
        {
            foreach ((string[] Path, Command Command) inner in Walk(sub, [.. path, sub.Name]))
            {
                yield return inner;
            }
        }
    }
}
