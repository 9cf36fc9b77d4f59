using System.CommandLine;
using Takedown.Cli.Matching;
using Takedown.Matching.Banks;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown match --bank BANK [--threshold 31] [--no-dihedral] [--hashes] PATH...</c>: one
/// <c>PATH,LABEL,DISTANCE</c> line per match, nearest first. BANK is a text list of <c>HASH[,LABEL]</c> lines
/// (also <c>HASH,QUALITY,PATH</c>) or a bank file from <c>takedown bank build</c>.
/// </summary>
internal static class MatchCommand
{
    public static Command Create()
    {
        var bank = new Option<FileInfo>("--bank", "-b")
        {
            HelpName = "BANK",
            Description = "The bank: a text file of HASH[,LABEL] lines (also 'takedown hash' output), or a bank file made by 'takedown bank build'.",
            Required = true,
        };
        var threshold = new Option<int?>("--threshold", "-t")
        {
            HelpName = "DISTANCE",
            Description = "Largest PDQ Hamming distance that matches, in bits, 0-256 (default: the bank's threshold, 31 for a text bank).",
        };
        threshold.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 or > 256)
            {
                result.AddError("--threshold must be between 0 and 256.");
            }
        });
        var noDihedral = new Option<bool>("--no-dihedral")
        {
            Description = "Match images as they are only, not also their seven rotations and mirror images.",
        };
        var hashes = new Option<bool>("--hashes")
        {
            Description = "PATHs are hash lists (HASH[,LABEL] or 'takedown hash' output), not images.",
        };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Images, videos or directories (searched recursively), or hash lists with --hashes.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("match", "Match images, videos or hashes against a bank; prints PATH,LABEL,DISTANCE per match, nearest first. " +
            "Exit code 1 if a file could not be read, 2 if the bank could not be loaded.")
        {
            bank, threshold, noDihedral, hashes, paths,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            FileInfo bankFile = parseResult.GetRequiredValue(bank);
            List<HashBank> banks;
            try
            {
                banks = BankLoader.Load(bankFile.FullName);
            }
            catch (Exception e) when (e is BankFormatException or HashListFormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{bankFile}: {e.Message}");
                return Task.FromResult(2);
            }

            using var matcher = new BankMatcher(banks);
            using var videos = new VideoBankMatcher(banks);
            var runner = new MatchRunner(matcher, parseResult.GetValue(threshold), !parseResult.GetValue(noDihedral),
                parseResult.InvocationConfiguration.Output, error, videos);
            return Task.FromResult(runner.Run(parseResult.GetValue(paths) ?? [], parseResult.GetValue(hashes), cancellationToken));
        });
        return command;
    }
}
