namespace Takedown.Cli.Hashing;

/// <summary>
/// Where <c>-</c> reads from: the process's standard input, unless a test has supplied a stream for the
/// current async flow (so tests run in-process and in parallel without touching the real stdin).
/// </summary>
internal static class StandardInput
{
    private static readonly AsyncLocal<Func<Stream>?> s_override = new();

    /// <summary>Replaces standard input for the current async flow; dispose the result to restore it.</summary>
    public static IDisposable Override(Func<Stream> open)
    {
        Func<Stream>? previous = s_override.Value;
        s_override.Value = open;
        return new Restore(previous);
    }

    public static Stream Open() => (s_override.Value ?? Console.OpenStandardInput)();

    private sealed class Restore(Func<Stream>? previous) : IDisposable
    {
        public void Dispose() => s_override.Value = previous;
    }
}
