using System.CommandLine;
using Takedown.Cli.Service;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown report</c>: the transparency figures (requests, time to removal, share within the deadline, copies,
/// appeals and reversals) for a range of days, from the same audit log the admin reports page reads.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var fromOption = new Option<DateOnly?>("--from") { HelpName = "DATE", Description = "First UTC day, yyyy-mm-dd (default: 29 days before --to, so 30 days in all)." };
        var toOption = new Option<DateOnly?>("--to") { HelpName = "DATE", Description = "Last UTC day, inclusive, yyyy-mm-dd (default: today)." };
        var formatOption = new Option<string>("--format")
        {
            Description = "Output format: table (aligned, for reading), csv (a metric,value header, then one line per figure) or json.",
            DefaultValueFactory = _ => "table",
        };
        formatOption.AcceptOnlyFromAmong("table", "csv", "json");
        var service = new ServiceOptions();
        var command = new Command("report", "Print the transparency figures for a range of days: requests, median and 95th-percentile time to removal, share within the deadline, copies found, appeals and reversals.")
        {
            fromOption, toOption, formatOption,
        };
        service.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            using ServiceConnection? connection = service.Open(parseResult, "report", error, demoSamples: false);
            if (connection is null)
            {
                return 2;
            }

            var runner = new ReportRunner(connection, parseResult.InvocationConfiguration.Output, error);
            return await runner.RunAsync(parseResult.GetValue(fromOption), parseResult.GetValue(toOption), parseResult.GetValue(formatOption)!, cancellationToken);
        });
        return command;
    }
}
