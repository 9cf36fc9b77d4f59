using System.CommandLine;
using Takedown.Cli.Matching;
using Takedown.Matching.Banks;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown bank build --output FILE [--name NAME] [--threshold 31] [--min-quality 50] INPUT...</c> turns hash
/// lists into a compact bank file; <c>takedown bank info FILE</c> describes one.
/// </summary>
internal static class BankCommand
{
    public static Command Create()
    {
        var command = new Command("bank", "Build and inspect bank files for 'takedown match'; import and export the service's named banks.");
        command.Subcommands.Add(CreateBuild());
        command.Subcommands.Add(CreateInfo());
        BankImportExportCommands.AttachTo(command);
        return command;
    }

    private static Command CreateBuild()
    {
        var output = new Option<FileInfo>("--output", "-o") { HelpName = "FILE", Description = "The bank file to write (replaced if it exists).", Required = true };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "The bank's name, the label of its matches (default: the output file name without extension)." };
        var threshold = new Option<int>("--threshold", "-t")
        {
            HelpName = "DISTANCE",
            Description = "The bank's PDQ match threshold: the largest Hamming distance that matches, in bits, 0-256.",
            DefaultValueFactory = _ => HashBank.DefaultThreshold,
        };
        threshold.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 256)
            {
                result.AddError("--threshold must be between 0 and 256.");
            }
        });
        var minQuality = new Option<int>("--min-quality")
        {
            HelpName = "QUALITY",
            Description = "Leave out hashes whose quality column (0-100) is below this; lines without one are kept.",
            DefaultValueFactory = _ => BankLoader.DefaultMinQuality,
        };
        var inputs = new Argument<string[]>("INPUT")
        {
            Description = "Hash lists: HASH, HASH,LABEL (HMA/ThreatExchange), HASH,QUALITY,PATH or FRAME,QUALITY,HASH,TIMESTAMP,PATH ('takedown hash' output); a header line, blank lines and # comments are skipped.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("build", "Build a compact, checksummed bank file from hash lists; a video's frame lines become one video entry labelled with its path.") { output, name, threshold, minQuality, inputs };
        command.SetAction((parseResult, cancellationToken) =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            FileInfo file = parseResult.GetRequiredValue(output);
            string bankName = parseResult.GetValue(name) ?? Path.GetFileNameWithoutExtension(file.Name);
            var bank = new HashBank(bankName.Length > 0 ? bankName : "bank", parseResult.GetValue(threshold));
            int skipped = 0;
            foreach (string input in parseResult.GetValue(inputs) ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    skipped += BankLoader.AddList(bank, HashListReader.ReadFile(input), parseResult.GetValue(minQuality));
                }
                catch (Exception e) when (e is HashListFormatException or IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"{input}: {e.Message}");
                    return Task.FromResult(1);
                }
            }

            HashBankFile.Save(file.FullName, [bank]);
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"{file}: bank '{bank.Name}', {bank.Count} hashes, threshold {bank.Threshold}" +
                (skipped > 0 ? $", {skipped} left out below quality {parseResult.GetValue(minQuality)}" : string.Empty));
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command CreateInfo()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A bank file made by 'takedown bank build'." };
        var command = new Command("info", "Describe the banks in a bank file (name, hash counts, threshold) after checking its checksum.") { file };
        command.SetAction(parseResult =>
        {
            FileInfo path = parseResult.GetRequiredValue(file);
            try
            {
                foreach (HashBank bank in HashBankFile.Load(path.FullName))
                {
                    parseResult.InvocationConfiguration.Output.WriteLine(
                        $"{bank.Name}: {bank.Count} PDQ hashes, {bank.ExactCount} exact hashes, threshold {bank.Threshold}");
                }

                return 0;
            }
            catch (Exception e) when (e is BankFormatException or IOException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"{path}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
