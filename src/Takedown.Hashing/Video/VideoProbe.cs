using System.Globalization;
using System.Text.Json;

namespace Takedown.Hashing.Video;

/// <summary>Reads a video's stream properties with <c>ffprobe</c> (JSON output).</summary>
public static class VideoProbe
{
    private const int MaxProbeOutputBytes = 4 << 20;

    /// <summary>Probes <paramref name="path"/> and returns the stream that vPDQ hashes.</summary>
    /// <exception cref="VideoDecodeException">The file is missing, empty, not media, has no video, or ffprobe failed.</exception>
    public static async Task<VideoStreamInfo> ProbeAsync(string path, VideoHashOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= VideoHashOptions.Default;
        options.Validate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            return await ProbeCoreAsync(path, options, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VideoDecodeException(VideoDecodeError.Timeout, $"ffprobe took longer than {options.Timeout}.");
        }
    }

    internal static async Task<VideoStreamInfo> ProbeCoreAsync(string path, VideoHashOptions options, CancellationToken cancellationToken)
    {
        string fullPath = CheckFile(path);
        string[] arguments =
        [
            "-v", "error", "-hide_banner", "-print_format", "json", "-show_format", "-show_streams",
            "-i", FileUrl(fullPath),
        ];
        using FfmpegProcess process = FfmpegProcess.Start(options.FfprobePath, arguments, options.ProcessStarted);
        byte[] json = await ReadBoundedAsync(process.StandardOutput, MaxProbeOutputBytes, cancellationToken).ConfigureAwait(false);
        int exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new VideoDecodeException(
                VideoDecodeError.NotMedia, $"Not a readable media file: {Reason(process.StandardErrorTail, exitCode)}");
        }

        return Parse(json);
    }

    /// <summary>Checks the file exists and is not empty; returns its full path.</summary>
    internal static string CheckFile(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new VideoDecodeException(VideoDecodeError.FileNotFound, "The file does not exist.");
        }

        if (file.Length == 0)
        {
            throw new VideoDecodeException(VideoDecodeError.EmptyFile, "The file is empty (0 bytes).");
        }

        return file.FullName;
    }

    /// <summary>A <c>file:</c> URL so FFmpeg never treats a file name as another protocol or an option.</summary>
    internal static string FileUrl(string fullPath) => "file:" + fullPath;

    internal static string Reason(string stderrTail, int exitCode) =>
        stderrTail.Length > 0 ? stderrTail : $"exit code {exitCode.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses ffprobe's <c>-show_format -show_streams</c> JSON.</summary>
    internal static VideoStreamInfo Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new VideoDecodeException(VideoDecodeError.NotMedia, "ffprobe returned unreadable output.", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (!root.TryGetProperty("streams", out JsonElement streams) || streams.GetArrayLength() == 0)
            {
                throw new VideoDecodeException(VideoDecodeError.NotMedia, "Not a media file: no streams found.");
            }

            foreach (JsonElement stream in streams.EnumerateArray())
            {
                if (GetString(stream, "codec_type") != "video" || IsCoverArt(stream))
                {
                    continue;
                }

                return ReadVideoStream(stream, root);
            }

            throw new VideoDecodeException(VideoDecodeError.NoVideoStream, "The file has no video stream (audio only?).");
        }
    }

    private static VideoStreamInfo ReadVideoStream(JsonElement stream, JsonElement root)
    {
        int index = stream.TryGetProperty("index", out JsonElement i) && i.TryGetInt32(out int value) ? value : 0;
        int width = GetInt(stream, "width");
        int height = GetInt(stream, "height");
        double frameRate = ParseRate(GetString(stream, "avg_frame_rate"));
        if (!(frameRate > 0))
        {
            frameRate = ParseRate(GetString(stream, "r_frame_rate"));
        }

        double? duration = ParseDouble(GetString(stream, "duration"));
        if (duration is null && root.TryGetProperty("format", out JsonElement format))
        {
            duration = ParseDouble(GetString(format, "duration"));
        }

        long? frames = long.TryParse(GetString(stream, "nb_frames"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
        return new VideoStreamInfo(
            index, width, height, frameRate, duration, frames, ReadRotation(stream), GetString(stream, "codec_name") ?? "unknown");
    }

    private static bool IsCoverArt(JsonElement stream) =>
        stream.TryGetProperty("disposition", out JsonElement disposition) &&
        disposition.TryGetProperty("attached_pic", out JsonElement attached) &&
        attached.ValueKind == JsonValueKind.Number && attached.GetInt32() != 0;

    private static int ReadRotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out JsonElement sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out JsonElement rotation) && rotation.TryGetDouble(out double degrees))
                {
                    return (int)Math.Round(degrees);
                }
            }
        }

        // Older FFmpeg versions report a "rotate" tag instead of display-matrix side data.
        if (stream.TryGetProperty("tags", out JsonElement tags) &&
            int.TryParse(GetString(tags, "rotate"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int tag))
        {
            return tag;
        }

        return 0;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int GetInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int result) ? result : 0;

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;

    /// <summary>Parses <c>"30000/1001"</c> (or a plain number) as a double; 0 when absent or <c>0/0</c>.</summary>
    internal static double ParseRate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return ParseDouble(text) ?? 0;
        }

        double? numerator = ParseDouble(text[..slash]);
        double? denominator = ParseDouble(text[(slash + 1)..]);
        if (numerator is not double num || denominator is not double den || den == 0)
        {
            return 0;
        }

        double rate = num / den;
        return double.IsFinite(rate) && rate > 0 ? rate : 0;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        byte[] buffer = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (memory.Length + read > limit)
            {
                throw new VideoDecodeException(VideoDecodeError.NotMedia, "ffprobe output is unreasonably large.");
            }

            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }
}
