namespace Takedown.Matching.Banks;

/// <summary>A line of a hash list is longer than the reader accepts (see <see cref="BoundedLineReader"/>).</summary>
public sealed class LineTooLongException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LineTooLongException()
        : base("A line is too long.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LineTooLongException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LineTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for line <paramref name="lineNumber"/>.</summary>
    internal LineTooLongException(int lineNumber, int maxLineLength)
        : base($"line {lineNumber}: longer than {maxLineLength} characters (is this a hash list?)")
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based number of the line that is too long.</summary>
    public int LineNumber { get; }
}
