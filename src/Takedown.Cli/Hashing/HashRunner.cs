using System.Collections.Concurrent;
using Spectre.Console;

namespace Takedown.Cli.Hashing;

/// <summary>
/// Runs <c>takedown hash</c>: hashes the inputs on <see cref="HashSettings.Jobs"/> threads and prints each
/// file's lines (stdout) or <c>PATH: reason</c> (stderr) in input order, as soon as every earlier file is done.
/// </summary>
internal sealed class HashRunner
{
    /// <summary>From this many files on, an interactive stderr gets a progress bar.</summary>
    public const int ProgressThreshold = 20;

    private readonly HashSettings _settings;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public HashRunner(HashSettings settings, TextWriter output, TextWriter error)
    {
        _settings = settings;
        _output = output;
        _error = error;
    }

    /// <summary>Hashes every input; returns 0 when all succeeded, 1 when any failed.</summary>
    public int Run(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        HashInput[] inputs = PathExpander.Expand(paths).ToArray();
        bool progress = inputs.Length >= ProgressThreshold && ReferenceEquals(_error, Console.Error) && !Console.IsErrorRedirected;
        if (!progress)
        {
            return Hash(inputs, onFileDone: null, errorWriter: _error, cancellationToken);
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_error) });
        int exitCode = 0;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("hashing", maxValue: inputs.Length);
                var errors = new ConsoleLineWriter(console);
                exitCode = Hash(inputs, () => task.Increment(1), errors, cancellationToken);
            });
        return exitCode;
    }

    private int Hash(HashInput[] inputs, Action? onFileDone, TextWriter errorWriter, CancellationToken cancellationToken)
    {
        if (inputs.Count(i => i.IsStandardInput) > 1)
        {
            errorWriter.WriteLine("-: standard input can be given only once");
            return 1;
        }

        var printer = new OrderedPrinter(inputs, _output, errorWriter);

        // Files are handed out one at a time in input order (Parallel.For would give the second thread the second half
        // of the list, holding every line of that half back until the first half is done).
        Parallel.ForEach(
            Partitioner.Create(Enumerable.Range(0, inputs.Length), EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = _settings.Jobs, CancellationToken = cancellationToken },
            i =>
            {
                FileHashOutcome outcome = MediaFileHasher.Hash(inputs[i], _settings);
                printer.Complete(i, outcome);
                onFileDone?.Invoke();
            });
        return printer.AnyFailed ? 1 : 0;
    }

    /// <summary>Writes whole lines through Spectre so they appear above the live progress bar.</summary>
    private sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => console.WriteLine(value ?? "");
    }
}
