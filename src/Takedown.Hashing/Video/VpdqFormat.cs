using System.Globalization;
using System.Text;
using System.Text.Json;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Video;

/// <summary>
/// Text forms of a vPDQ hash: the reference's lines <c>FRAME,QUALITY,HASH,TIMESTAMP</c> (as in
/// <c>vpdq/sample-hashes</c> and <c>vpdq-hash-video -o</c>) and python-threatexchange's signal string, a JSON list of
/// <c>"HASH,QUALITY,TIMESTAMP"</c> strings with the timestamp at 3 significant digits.
/// </summary>
public static class VpdqFormat
{
    /// <summary>One reference line: <c>frame,quality,hash,timestamp</c> with the timestamp as <c>%.3f</c>.</summary>
    public static string FormatLine(VideoFrameHash frame) =>
        string.Create(CultureInfo.InvariantCulture, $"{frame.FrameNumber},{frame.Quality},{frame.Hash},{FormatTimestamp(frame.Timestamp)}");

    /// <summary>The timestamp as the reference prints it: <c>printf("%.3f", timestamp)</c>.</summary>
    public static string FormatTimestamp(float timestamp) => DecimalText.Fixed(timestamp, 3);

    /// <summary>Parses one reference line, <c>frame,quality,hash,timestamp</c>.</summary>
    /// <exception cref="FormatException">The line is not in that form.</exception>
    public static VideoFrameHash ParseLine(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        Span<Range> parts = stackalloc Range[5];
        if (line.Split(parts, ',') != 4 ||
            !int.TryParse(line[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out int frame) ||
            !int.TryParse(line[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out int quality) ||
            quality > 100 ||
            !PdqHash.TryParse(line[parts[2]], out PdqHash hash) ||
            !float.TryParse(line[parts[3]], NumberStyles.Float, CultureInfo.InvariantCulture, out float timestamp) ||
            !(timestamp >= 0))
        {
            throw new FormatException($"Not a vPDQ line (frame,quality,hash,timestamp): '{line.ToString()}'");
        }

        return new VideoFrameHash(frame, quality, hash, timestamp);
    }

    /// <summary>Reads a reference hash file (one line per frame; blank lines are skipped).</summary>
    /// <exception cref="FormatException">A line is malformed; the message gives its number.</exception>
    public static List<VideoFrameHash> ReadLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var frames = new List<VideoFrameHash>();
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                frames.Add(ParseLine(line));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"Line {number.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
            }
        }

        return frames;
    }

    /// <summary>Reads a reference hash file from disk.</summary>
    public static List<VideoFrameHash> ReadFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return ReadLines(reader);
    }

    /// <summary>Writes one reference line per frame, each ended by <c>\n</c>.</summary>
    public static void WriteLines(TextWriter writer, IEnumerable<VideoFrameHash> frames)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frames);
        foreach (VideoFrameHash frame in frames)
        {
            writer.Write(FormatLine(frame));
            writer.Write('\n');
        }
    }

    /// <summary>
    /// python-threatexchange's signal string (<c>vpdq_to_json</c>): <c>["hash,quality,ts", ...]</c> with
    /// <c>json.dumps</c>'s <c>", "</c> separator and the timestamp as <c>f"{ts:.3}"</c> (3 significant digits, so
    /// 12.345 s is <c>12.3</c> and 123.4 s is <c>1.23e+02</c>).
    /// </summary>
    public static string ToSignalString(IEnumerable<VideoFrameHash> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var builder = new StringBuilder("[");
        bool first = true;
        foreach (VideoFrameHash frame in frames)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append('"').Append(frame.Hash.ToString()).Append(',')
                .Append(frame.Quality.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(DecimalText.PythonGeneral(frame.Timestamp, 3)).Append('"');
        }

        return builder.Append(']').ToString();
    }

    /// <summary>
    /// Parses a python-threatexchange signal string. The format has no frame numbers, so each frame's
    /// <see cref="VideoFrameHash.FrameNumber"/> is its position in the list. Timestamps written with 3 significant
    /// digits (<c>1.23e+02</c>) are accepted.
    /// </summary>
    /// <exception cref="FormatException">The text is not a JSON list of <c>"hash,quality,timestamp"</c> strings.</exception>
    public static List<VideoFrameHash> ParseSignalString(string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var frames = new List<VideoFrameHash>();
        if (string.IsNullOrWhiteSpace(signal))
        {
            return frames;
        }

        string[]? items;
        try
        {
            items = JsonSerializer.Deserialize(signal, VpdqJsonContext.Default.StringArray);
        }
        catch (JsonException ex)
        {
            throw new FormatException("A vPDQ signal is a JSON list of \"hash,quality,timestamp\" strings.", ex);
        }

        Span<Range> parts = stackalloc Range[4];
        foreach (string item in items ?? [])
        {
            ReadOnlySpan<char> text = item;
            if (text.Split(parts, ',') != 3 ||
                !PdqHash.TryParse(text[parts[0]], out PdqHash hash) ||
                !int.TryParse(text[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out int quality) ||
                quality > 100 ||
                !float.TryParse(text[parts[2]], NumberStyles.Float, CultureInfo.InvariantCulture, out float timestamp) ||
                !(timestamp >= 0))
            {
                throw new FormatException($"Not a vPDQ feature (hash,quality,timestamp): '{item}'");
            }

            frames.Add(new VideoFrameHash(frames.Count, quality, hash, timestamp));
        }

        return frames;
    }
}
