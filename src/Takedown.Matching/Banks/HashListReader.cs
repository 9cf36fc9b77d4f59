using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Banks;

/// <summary>
/// Reads PDQ hash lists in the forms in use: <c>HASH</c>; HMA/ThreatExchange <c>HASH,LABEL</c>; the
/// <c>takedown hash</c> / <c>pdq-photo-hasher</c> output <c>HASH,QUALITY,PATH</c>; and vPDQ video lines
/// <c>FRAME,QUALITY,HASH,TIMESTAMP,PATH</c> (<c>takedown hash VIDEO</c>) or <c>FRAME,QUALITY,HASH,TIMESTAMP</c>
/// (the reference <c>vpdq-hash-video</c> file). Blank lines and lines starting with <c>#</c> are skipped, as is a
/// header line before the first hash. Any other line is an error, reported with its line number.
/// </summary>
/// <remarks>
/// A video line becomes an entry labelled with the video's PATH (for a reference file without one, the list's file
/// name without extension), with its quality and frame number. A bank built from such lines therefore holds each
/// video as the frame hashes sharing one label, which is how <c>takedown match</c> groups a bank into videos for its
/// <see cref="Video.VideoIndex"/>.
/// <para>
/// This is the one grammar of PDQ hash lines: the exchange import (<c>Takedown.Core.Exchange.Files.HashListReader</c>,
/// <c>takedown bank import</c>) parses its <c>takedown hash</c> lines with <see cref="TryParseLine"/> and its
/// <c>HASH[,LABEL]</c> lines with <see cref="TryParsePdqField"/>.
/// </para>
/// </remarks>
public static class HashListReader
{
    private const int MaxReportedErrors = 20;

    /// <summary>Reads a file.</summary>
    /// <exception cref="HashListFormatException">Some lines are malformed.</exception>
    public static List<HashListEntry> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads every line of <paramref name="reader"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The name used in error messages.</param>
    /// <exception cref="HashListFormatException">Some lines are malformed.</exception>
    public static List<HashListEntry> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<HashListEntry>();
        var errors = new List<(int, string)>();
        int errorCount = 0;
        bool seenData = false;
        var lines = new BoundedLineReader(reader);
        while (true)
        {
            string? line;
            try
            {
                line = lines.ReadLine();
            }
            catch (LineTooLongException e)
            {
                // Nothing after an over-long line can be trusted to start a new line: stop and report it.
                errorCount++;
                errors.Add((e.LineNumber, $"longer than {lines.MaxLineLength} characters (is this a hash list?)"));
                break;
            }

            if (line is null)
            {
                break;
            }

            int lineNumber = lines.LineNumber;
            ReadOnlySpan<char> text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }

            if (TryParseLine(text, lineNumber, out HashListEntry entry, out string? reason))
            {
                entries.Add(entry.Frame is not null && entry.Label is null ? entry with { Label = SourceLabel(source) } : entry);
                seenData = true;
                continue;
            }

            if (!seenData && errorCount == 0 && LooksLikeHeader(text))
            {
                seenData = true;
                continue;
            }

            errorCount++;
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add((lineNumber, reason!));
            }
        }

        if (errorCount > 0)
        {
            throw new HashListFormatException(source, errors, errorCount);
        }

        return entries;
    }

    /// <summary>Parses one non-blank line.</summary>
    /// <remarks>A video line without a PATH column gets a null label here (<see cref="Read"/> names it after its source).</remarks>
    public static bool TryParseLine(ReadOnlySpan<char> line, int lineNumber, out HashListEntry entry, out string? reason)
    {
        entry = default;
        int comma = line.IndexOf(',');
        ReadOnlySpan<char> first = (comma < 0 ? line : line[..comma]).Trim();
        if (comma > 0 && first.Length < PdqHash.HexLength && IsDigits(first))
        {
            return TryParseVideoLine(line, lineNumber, out entry, out reason);
        }

        if (!TryParsePdqField(first, out PdqHash hash, out reason))
        {
            return false;
        }

        if (comma < 0)
        {
            entry = new HashListEntry(hash, null, null, lineNumber);
            return true;
        }

        ReadOnlySpan<char> rest = line[(comma + 1)..];
        int second = rest.IndexOf(',');
        if (second >= 0 && int.TryParse(rest[..second].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int quality) &&
            quality <= 100)
        {
            // HASH,QUALITY,PATH (the path may itself contain commas).
            entry = new HashListEntry(hash, rest[(second + 1)..].Trim().ToString(), quality, lineNumber);
            return true;
        }

        ReadOnlySpan<char> label = rest.Trim();
        entry = new HashListEntry(hash, label.IsEmpty ? null : label.ToString(), null, lineNumber);
        return true;
    }

    /// <summary>Parses the leading hash field of a line (already trimmed), with the reason when it is not a PDQ hash.</summary>
    public static bool TryParsePdqField(ReadOnlySpan<char> field, out PdqHash hash, [NotNullWhen(false)] out string? reason)
    {
        if (PdqHash.TryParse(field, out hash))
        {
            reason = null;
            return true;
        }

        reason = field.Length == PdqHash.HexLength
            ? "the hash has a character that is not a hex digit"
            : $"expected a 64-digit hex PDQ hash first, found {Describe(field)}";
        return false;
    }

    /// <summary>Parses <c>FRAME,QUALITY,HASH,TIMESTAMP[,PATH]</c>; the path may itself contain commas.</summary>
    private static bool TryParseVideoLine(ReadOnlySpan<char> line, int lineNumber, out HashListEntry entry, out string? reason)
    {
        entry = default;
        Span<Range> fields = stackalloc Range[5];
        int count = line.Split(fields, ',');
        if (count < 4)
        {
            reason = "a video line needs FRAME,QUALITY,HASH,TIMESTAMP[,PATH]; found " +
                     count.ToString(CultureInfo.InvariantCulture) + " fields";
            return false;
        }

        if (!int.TryParse(line[fields[0]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int frame))
        {
            reason = "the frame number is out of range";
            return false;
        }

        if (!int.TryParse(line[fields[1]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int quality) || quality > 100)
        {
            reason = $"expected a quality from 0 to 100 in the second field of a video line, found {Describe(line[fields[1]].Trim())}";
            return false;
        }

        ReadOnlySpan<char> hashText = line[fields[2]].Trim();
        if (!PdqHash.TryParse(hashText, out PdqHash hash))
        {
            reason = $"expected a 64-digit hex PDQ hash in the third field of a video line, found {Describe(hashText)}";
            return false;
        }

        ReadOnlySpan<char> timestamp = line[fields[3]].Trim();
        if (!double.TryParse(timestamp, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            reason = $"expected a timestamp in seconds in the fourth field of a video line, found {Describe(timestamp)}";
            return false;
        }

        ReadOnlySpan<char> path = count == 5 ? line[fields[4].Start..].Trim() : [];
        reason = null;
        entry = new HashListEntry(hash, path.IsEmpty ? null : path.ToString(), quality, lineNumber, frame);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static string? SourceLabel(string source) =>
        Path.GetFileNameWithoutExtension(source) is { Length: > 0 } name ? name : null;

    private static bool LooksLikeHeader(ReadOnlySpan<char> line)
    {
        // A header names columns: letters, digits, spaces, underscores and separators, and no 64-hex-digit hash.
        foreach (char c in line)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ',' or '_' or ' ' or '\t' or '-' or '"' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(line[0]) || line[0] == '"';
    }

    private static string Describe(ReadOnlySpan<char> field) =>
        field.IsEmpty ? "nothing" : field.Length > 24 ? $"'{field[..24]}…' ({field.Length} characters)" : $"'{field}' ({field.Length} characters)";
}
