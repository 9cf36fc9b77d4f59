namespace Takedown.Matching.Banks;

/// <summary>A hash list has malformed lines; <see cref="Exception.Message"/> names them by line number.</summary>
public sealed class HashListFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HashListFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HashListFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public HashListFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the given bad lines (line number and reason).</summary>
    internal HashListFormatException(string source, IReadOnlyList<(int Line, string Reason)> errors, int total)
        : base(Describe(source, errors, total))
    {
        LineNumbers = [.. errors.Select(e => e.Line)];
    }

    /// <summary>The 1-based numbers of the malformed lines reported (at most the first 20).</summary>
    public IReadOnlyList<int> LineNumbers { get; } = [];

    private static string Describe(string source, IReadOnlyList<(int Line, string Reason)> errors, int total)
    {
        string lines = string.Join(Environment.NewLine, errors.Select(e => $"{source}:{e.Line}: {e.Reason}"));
        return total > errors.Count
            ? $"{total} malformed lines; the first {errors.Count}:{Environment.NewLine}{lines}"
            : $"{total} malformed line{(total == 1 ? string.Empty : "s")}:{Environment.NewLine}{lines}";
    }
}
