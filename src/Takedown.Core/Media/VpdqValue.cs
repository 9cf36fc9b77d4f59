using System.Globalization;
using System.Text;
using Takedown.Hashing.Video;

namespace Takedown.Core.Media;

/// <summary>
/// The stored form of a <see cref="HashKind.Vpdq"/> bank value or registered video: the reference's vPDQ lines
/// (<c>frame,quality,hash,timestamp</c>, as <c>takedown hash</c> prints them without the path) joined by <c>;</c>.
/// About 80 characters per hashed frame, so a 10-minute video at one hash per second is about 48 KB of text.
/// </summary>
public static class VpdqValue
{
    /// <summary>Most frames one stored value (or one <c>/check</c> query) may hold.</summary>
    public const int MaxFrames = 100_000;

    /// <summary>Joins the frames' reference lines with <c>;</c>.</summary>
    public static string Format(IReadOnlyList<VideoFrameHash> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var builder = new StringBuilder(frames.Count * 84);
        for (int i = 0; i < frames.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(';');
            }

            builder.Append(VpdqFormat.FormatLine(frames[i]));
        }

        return builder.ToString();
    }

    /// <summary>Parses a stored value: lines separated by <c>;</c> or new lines (blank ones skipped).</summary>
    /// <exception cref="FormatException">A line is not <c>frame,quality,hash,timestamp</c>, or there are too many.</exception>
    public static List<VideoFrameHash> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var frames = new List<VideoFrameHash>();
        foreach (Range range in value.AsSpan().SplitAny(";\n"))
        {
            ReadOnlySpan<char> line = value.AsSpan(range).Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (frames.Count == MaxFrames)
            {
                throw new FormatException($"A vPDQ hash may hold at most {MaxFrames.ToString(CultureInfo.InvariantCulture)} frames.");
            }

            frames.Add(VpdqFormat.ParseLine(line));
        }

        return frames;
    }

    /// <summary>Like <see cref="Parse"/>, but returns false instead of throwing.</summary>
    public static bool TryParse(string? value, out List<VideoFrameHash> frames)
    {
        frames = [];
        if (value is null)
        {
            return false;
        }

        try
        {
            frames = Parse(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
