using Takedown.Core.Media;
using BoundedLineReader = Takedown.Matching.Banks.BoundedLineReader;
using LineTooLongException = Takedown.Matching.Banks.LineTooLongException;
using PdqLines = Takedown.Matching.Banks.HashListReader;
using PdqLine = Takedown.Matching.Banks.HashListEntry;

namespace Takedown.Core.Exchange.Files;

/// <summary>
/// Reads hash list files line by line (streaming, so a million-line list is never held as text). Any malformed line
/// stops the read with an <see cref="ExchangeFormatException"/> naming the line; callers apply nothing from a file
/// that fails.
/// </summary>
/// <remarks>
/// The PDQ line forms (<see cref="HashListFormat.TakedownHash"/> and <see cref="HashListFormat.Bank"/>) are parsed by
/// the grammar of <c>takedown bank build</c> and <c>takedown match --bank</c>
/// (<see cref="Takedown.Matching.Banks.HashListReader"/>), so a line means the same in every command. This reader stays
/// separate from that one because it reads more than PDQ (the CSV and pytx forms carry MD5, SHA-256 and video MD5
/// signals, by column or type name), streams entries into one import transaction instead of building a list, and stops
/// at the first bad line, where that one collects every bad line of a PDQ-only list.
/// </remarks>
public static class HashListReader
{
    /// <summary>Reads all entries of <paramref name="reader"/> in <paramref name="format"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="format">The format, or <see cref="HashListFormat.Auto"/> to detect it from the first line.</param>
    /// <param name="minQuality">Entries with a known PDQ quality below this are skipped (the reference discards &lt;50).</param>
    public static IEnumerable<HashListEntry> Read(TextReader reader, HashListFormat format, int minQuality = 50)
    {
        var lines = new BoundedLineReader(reader);
        CsvColumns? columns = null;
        while (ReadLine(lines) is { } line)
        {
            int lineNumber = lines.LineNumber;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (format == HashListFormat.Auto)
            {
                format = Detect(line);
            }

            if (format == HashListFormat.Csv && columns is null)
            {
                columns = CsvColumns.FromHeader(CsvLine.Split(line, lineNumber), lineNumber);
                continue;
            }

            HashListEntry? entry = format switch
            {
                HashListFormat.Csv => columns!.Read(CsvLine.Split(line, lineNumber), lineNumber),
                HashListFormat.TakedownHash => ReadHashLine(line, lineNumber, minQuality),
                HashListFormat.Bank => ReadBankLine(line, lineNumber),
                HashListFormat.Pytx => ReadPytxLine(line, lineNumber),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
            if (entry is { } e)
            {
                yield return e;
            }
        }
    }

    private static string? ReadLine(BoundedLineReader lines)
    {
        try
        {
            return lines.ReadLine();
        }
        catch (LineTooLongException e)
        {
            throw new ExchangeFormatException(e.Message);
        }
    }

    /// <summary>Guesses the format from the first non-comment line.</summary>
    public static HashListFormat Detect(string firstLine)
    {
        string lower = firstLine.ToLowerInvariant();
        if (lower.Contains("signal", StringComparison.Ordinal) || lower.StartsWith("hash,", StringComparison.Ordinal) || lower.Contains("indicator", StringComparison.Ordinal) || lower.StartsWith("type,", StringComparison.Ordinal))
        {
            return HashListFormat.Csv;
        }

        if (PdqLines.TryParseLine(firstLine.AsSpan().Trim(), 1, out PdqLine line, out _) && line.Quality is not null)
        {
            return HashListFormat.TakedownHash;
        }

        return !firstLine.Contains(',', StringComparison.Ordinal) && firstLine.Trim().Contains(' ', StringComparison.Ordinal)
            ? HashListFormat.Pytx
            : HashListFormat.Bank;
    }

    private static HashListEntry? ReadHashLine(string line, int lineNumber, int minQuality)
    {
        // HASH,QUALITY,PATH (the path may contain commas) or FRAME,QUALITY,HASH,TIMESTAMP[,PATH], by the shared grammar.
        ReadOnlySpan<char> text = line.AsSpan().Trim();
        if (!PdqLines.TryParseLine(text, lineNumber, out PdqLine parsed, out string? reason))
        {
            throw new ExchangeFormatException($"line {lineNumber}: {reason}");
        }

        if (parsed.Quality is not int quality)
        {
            // A HASH[,LABEL] line: no quality column, or one that is not 0..100.
            ReadOnlySpan<char> rest = text[(text.IndexOf(',') + 1)..];
            int comma = rest.IndexOf(',');
            throw new ExchangeFormatException(comma >= 0
                ? $"line {lineNumber}: quality '{rest[..comma]}' is not an integer 0..100"
                : $"line {lineNumber}: expected HASH,QUALITY,PATH");
        }

        return quality < minQuality ? null : new HashListEntry(HashKind.Pdq, parsed.Hash.ToString(), Path.GetFileName(parsed.Label), quality);
    }

    private static HashListEntry ReadBankLine(string line, int lineNumber)
    {
        // HASH[,LABEL]: everything after the first comma is the label (a label such as "12,batch" is not a quality, so
        // an exported bank reads back unchanged), and the hash field goes through the shared grammar.
        ReadOnlySpan<char> text = line.AsSpan();
        int comma = text.IndexOf(',');
        if (!PdqLines.TryParsePdqField((comma < 0 ? text : text[..comma]).Trim(), out Takedown.Hashing.Pdq.PdqHash hash, out string? reason))
        {
            throw new ExchangeFormatException($"line {lineNumber}: {reason}");
        }

        ReadOnlySpan<char> label = comma < 0 ? [] : text[(comma + 1)..].Trim();
        return new HashListEntry(HashKind.Pdq, hash.ToString(), label.IsEmpty ? null : label.ToString(), null);
    }

    private static HashListEntry ReadPytxLine(string line, int lineNumber)
    {
        string[] parts = line.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !SignalTypes.TryParse(parts[0], out HashKind kind))
        {
            throw new ExchangeFormatException($"line {lineNumber}: expected '<signal_type> <signal>' with a known signal type");
        }

        return new HashListEntry(kind, Normalize(kind, parts[1], lineNumber), null, null);
    }

    internal static string Normalize(HashKind kind, string value, int lineNumber) =>
        SignalTypes.TryNormalize(kind, value, out string? normalized, out string? error)
            ? normalized
            : throw new ExchangeFormatException($"line {lineNumber}: {error}");

    private sealed class CsvColumns
    {
        private int _type = -1;
        private int _value = -1;
        private int _label = -1;

        public static CsvColumns FromHeader(List<string> header, int lineNumber)
        {
            var columns = new CsvColumns();
            for (int i = 0; i < header.Count; i++)
            {
                switch (header[i].Trim().ToLowerInvariant())
                {
                    case "signal_type" or "type" or "indicator_type":
                        columns._type = i;
                        break;
                    case "signal_value" or "signal" or "hash" or "indicator" or "value":
                        columns._value = i;
                        break;
                    case "label" or "tags" or "note":
                        if (columns._label < 0)
                        {
                            columns._label = i;
                        }

                        break;
                }
            }

            if (columns._value < 0)
            {
                throw new ExchangeFormatException($"line {lineNumber}: the CSV header has no signal_value (or signal, hash, indicator) column");
            }

            return columns;
        }

        public HashListEntry? Read(List<string> fields, int lineNumber)
        {
            if (fields.Count <= _value || (_type >= 0 && fields.Count <= _type))
            {
                throw new ExchangeFormatException($"line {lineNumber}: too few fields");
            }

            HashKind kind = HashKind.Pdq;
            if (_type >= 0 && !SignalTypes.TryParse(fields[_type], out kind))
            {
                throw new ExchangeFormatException($"line {lineNumber}: unknown signal type '{fields[_type]}'");
            }

            string? label = _label >= 0 && fields.Count > _label && fields[_label].Length > 0 ? fields[_label] : null;
            return new HashListEntry(kind, Normalize(kind, fields[_value], lineNumber), label, null);
        }
    }
}
