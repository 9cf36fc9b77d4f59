using System.Globalization;
using Takedown.Core.Media;

namespace Takedown.Core.Exchange.Files;

/// <summary>Writes hash lists that <see cref="HashListReader"/> (and HMA / <c>takedown match</c>) read back.</summary>
public static class HashListWriter
{
    /// <summary>Writes the header (CSV only).</summary>
    public static void WriteHeader(TextWriter writer, HashListFormat format)
    {
        if (format == HashListFormat.Csv)
        {
            writer.Write("signal_type,signal_value,label\n");
        }
    }

    /// <summary>Writes one entry; PDQ-only formats skip other kinds and return false.</summary>
    public static bool Write(TextWriter writer, HashListFormat format, HashListEntry entry)
    {
        switch (format)
        {
            case HashListFormat.Csv:
                writer.Write(SignalTypes.HmaName(entry.Kind));
                writer.Write(',');
                writer.Write(entry.Value);
                writer.Write(',');
                writer.Write(CsvLine.Quote(entry.Label));
                writer.Write('\n');
                return true;
            case HashListFormat.Pytx:
                writer.Write(SignalTypes.HmaName(entry.Kind));
                writer.Write(' ');
                writer.Write(entry.Value);
                writer.Write('\n');
                return true;
            case HashListFormat.TakedownHash when entry.Kind == HashKind.Pdq:
                writer.Write(entry.Value);
                writer.Write(',');
                writer.Write((entry.Quality ?? 100).ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(entry.Label ?? "");
                writer.Write('\n');
                return true;
            case HashListFormat.Bank when entry.Kind == HashKind.Pdq:
                writer.Write(entry.Value);
                if (!string.IsNullOrEmpty(entry.Label))
                {
                    writer.Write(',');
                    writer.Write(entry.Label);
                }

                writer.Write('\n');
                return true;
            case HashListFormat.TakedownHash or HashListFormat.Bank:
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), "Choose a concrete format to write.");
        }
    }

    /// <summary>Parses a format name: <c>csv</c>, <c>hash</c>, <c>bank</c>, <c>pytx</c> or <c>auto</c>.</summary>
    public static bool TryParseFormat(string? name, out HashListFormat format)
    {
        switch (name?.ToLowerInvariant())
        {
            case "auto" or null or "":
                format = HashListFormat.Auto;
                return true;
            case "csv" or "hma" or "threatexchange" or "te":
                format = HashListFormat.Csv;
                return true;
            case "hash" or "takedown-hash":
                format = HashListFormat.TakedownHash;
                return true;
            case "bank":
                format = HashListFormat.Bank;
                return true;
            case "pytx" or "local_file":
                format = HashListFormat.Pytx;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
