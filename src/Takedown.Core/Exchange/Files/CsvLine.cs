using System.Text;

namespace Takedown.Core.Exchange.Files;

/// <summary>Minimal RFC 4180 field splitting and quoting for one line (no embedded newlines).</summary>
internal static class CsvLine
{
    public static List<string> Split(string line, int lineNumber)
    {
        var fields = new List<string>();
        if (line.IndexOf('"', StringComparison.Ordinal) < 0)
        {
            fields.AddRange(line.Split(','));
            return fields;
        }

        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new ExchangeFormatException($"line {lineNumber}: unterminated quoted field");
        }

        fields.Add(field.ToString());
        return fields;
    }

    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
