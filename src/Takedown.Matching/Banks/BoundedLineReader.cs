namespace Takedown.Matching.Banks;

/// <summary>
/// Reads the lines of a hash list with a cap on the length of one line, so that a file without line breaks (or with one
/// enormous line) fails with a clear error instead of growing a string until memory runs out, which
/// <see cref="TextReader.ReadLine"/> would do. Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as with
/// <see cref="TextReader.ReadLine"/>.
/// </summary>
/// <remarks>Memory is one buffer of <c>maxLineLength + 1</c> characters plus the strings returned.</remarks>
public sealed class BoundedLineReader
{
    /// <summary>The default cap: far above any real hash list line (a PDQ line is under 100 characters plus its path or label).</summary>
    public const int DefaultMaxLineLength = 64 * 1024;

    private readonly TextReader _reader;
    private readonly char[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfInput;
    private bool _skipLineFeed;

    /// <summary>Creates a reader over <paramref name="reader"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="maxLineLength">The longest line accepted, in characters, not counting its line break.</param>
    public BoundedLineReader(TextReader reader, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        _reader = reader;
        MaxLineLength = maxLineLength;
        _buffer = new char[maxLineLength + 1];
    }

    /// <summary>The longest line accepted, in characters.</summary>
    public int MaxLineLength { get; }

    /// <summary>How many lines <see cref="ReadLine"/> has returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Returns the next line without its line break, or null at the end of the input.</summary>
    /// <exception cref="LineTooLongException">The next line is longer than <see cref="MaxLineLength"/>.</exception>
    public string? ReadLine()
    {
        while (true)
        {
            if (_skipLineFeed && _start < _end)
            {
                _skipLineFeed = false;
                if (_buffer[_start] == '\n')
                {
                    _start++;
                }
            }

            ReadOnlySpan<char> pending = _buffer.AsSpan(_start, _end - _start);
            int lineBreak = pending.IndexOfAny('\n', '\r');
            if (lineBreak >= 0 && lineBreak <= MaxLineLength)
            {
                string line = new(pending[..lineBreak]);
                _skipLineFeed = pending[lineBreak] == '\r';
                _start += lineBreak + 1;
                LineNumber++;
                return line;
            }

            if (pending.Length > MaxLineLength)
            {
                throw new LineTooLongException(LineNumber + 1, MaxLineLength);
            }

            if (_endOfInput)
            {
                if (pending.IsEmpty)
                {
                    return null;
                }

                _start = _end;
                LineNumber++;
                return new string(pending);
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfInput = true;
        }
        else
        {
            _end += read;
        }
    }
}
