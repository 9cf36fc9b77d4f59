namespace Takedown.Cli.Hashing;

/// <summary>
/// Collects per-file outcomes completed in any order and prints them strictly in input order, each as soon
/// as all earlier ones are printed (so output streams, and memory holds only out-of-order results).
/// </summary>
internal sealed class OrderedPrinter
{
    private readonly HashInput[] _inputs;
    private readonly FileHashOutcome?[] _pending;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly Lock _lock = new();
    private int _next;

    public OrderedPrinter(HashInput[] inputs, TextWriter output, TextWriter error)
    {
        _inputs = inputs;
        _pending = new FileHashOutcome?[inputs.Length];
        _output = output;
        _error = error;
    }

    /// <summary>Whether any printed outcome was a failure.</summary>
    public bool AnyFailed { get; private set; }

    public void Complete(int index, FileHashOutcome outcome)
    {
        lock (_lock)
        {
            _pending[index] = outcome;
            while (_next < _pending.Length && _pending[_next] is { } ready)
            {
                _pending[_next] = null;
                Print(_inputs[_next], ready);
                _next++;
            }
        }
    }

    private void Print(HashInput input, FileHashOutcome outcome)
    {
        if (outcome.IsFailure)
        {
            AnyFailed = true;
            _error.WriteLine($"{input.Path}: {outcome.Error}");
            return;
        }

        if (outcome.Lines is { } lines)
        {
            foreach (string line in lines)
            {
                _output.WriteLine(line);
            }
        }
    }
}
