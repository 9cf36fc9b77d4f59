using System.CommandLine;
using Takedown.Cli.Service;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown sweep</c>: searches the platform's content for copies of one case's removed content, or of every case
/// whose content is down, through the configured connector; exact copies are removed, near copies queued for review.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var caseOption = new Option<string?>("--case") { HelpName = "CASE", Description = "Sweep for this case number only (default: every removed case whose hashes are banked)." };
        var service = new ServiceOptions();
        var command = new Command("sweep", "Search the platform for copies of removed content now: exact copies are removed, near copies queued for review.") { caseOption };
        service.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            using ServiceConnection? connection = service.Open(parseResult, "sweep", error, demoSamples: false);
            if (connection is null)
            {
                return 2;
            }

            var runner = new SweepRunner(connection, parseResult.InvocationConfiguration.Output, error);
            return await runner.RunAsync(parseResult.GetValue(caseOption), cancellationToken);
        });
        return command;
    }
}
