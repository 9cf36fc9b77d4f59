using System.Globalization;
using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Banks;

/// <summary>
/// Reads PDQ hash lists in the forms in use: <c>HASH</c>; HMA/ThreatExchange <c>HASH,LABEL</c>; and the
/// <c>takedown hash</c> / <c>pdq-photo-hasher</c> output <c>HASH,QUALITY,PATH</c>. Blank lines and lines
/// starting with <c>#</c> are skipped, as is a header line before the first hash. Any other line that does not
/// start with 64 hex digits is an error, reported with its line number.
/// </summary>
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
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            ReadOnlySpan<char> text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }

            if (TryParseLine(text, lineNumber, out HashListEntry entry, out string? reason))
            {
                entries.Add(entry);
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
    public static bool TryParseLine(ReadOnlySpan<char> line, int lineNumber, out HashListEntry entry, out string? reason)
    {
        entry = default;
        int comma = line.IndexOf(',');
        ReadOnlySpan<char> first = (comma < 0 ? line : line[..comma]).Trim();
        if (!PdqHash.TryParse(first, out PdqHash hash))
        {
            reason = first.Length == PdqHash.HexLength
                ? "the hash has a character that is not a hex digit"
                : $"expected a 64-digit hex PDQ hash first, found {Describe(first)}";
            return false;
        }

        reason = null;
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
