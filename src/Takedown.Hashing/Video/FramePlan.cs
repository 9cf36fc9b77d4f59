using System.Globalization;

namespace Takedown.Hashing.Video;

/// <summary>What is decoded and hashed for one video: the sample size, the frame modulus and the FFmpeg arguments.</summary>
internal sealed class FramePlan
{
    internal const int MinDimension = 5;
    internal const int MaxDimension = 16384;
    internal const long MaxFrameBytes = 1L << 30;

    private FramePlan(VideoStreamInfo stream, int width, int height, int frameModulus, bool useSelect)
    {
        Stream = stream;
        Width = width;
        Height = height;
        FrameModulus = frameModulus;
        UseSelect = useSelect;
    }

    public VideoStreamInfo Stream { get; }

    /// <summary>Width of the RGB frames FFmpeg delivers and PDQ hashes.</summary>
    public int Width { get; }

    /// <summary>Height of the RGB frames FFmpeg delivers and PDQ hashes.</summary>
    public int Height { get; }

    public int FrameBytes => Width * Height * 3;

    public int FrameModulus { get; }

    /// <summary>FFmpeg drops unhashed frames itself, so the k-th delivered frame is frame k × <see cref="FrameModulus"/>.</summary>
    public bool UseSelect { get; }

    public static FramePlan Create(VideoStreamInfo stream, VideoHashOptions options)
    {
        int width = options.DownsampleSize > 0 ? options.DownsampleSize : stream.Width;
        int height = options.DownsampleSize > 0 ? options.DownsampleSize : stream.Height;
        if (width < MinDimension || height < MinDimension)
        {
            throw new VideoDecodeException(
                VideoDecodeError.TooSmall,
                $"Frames of {width}x{height} are too small: PDQ needs at least {MinDimension} pixels on each side.");
        }

        if (width > MaxDimension || height > MaxDimension || (long)width * height * 3 > MaxFrameBytes)
        {
            throw new VideoDecodeException(VideoDecodeError.TooLarge, $"Frames of {width}x{height} are too large to hash.");
        }

        if (!(stream.FrameRate > 0) || !double.IsFinite(stream.FrameRate))
        {
            throw new VideoDecodeException(VideoDecodeError.NoFrameRate, "The video stream declares no frame rate.");
        }

        if (stream.Duration is double duration && duration > options.MaxDuration.TotalSeconds)
        {
            throw new VideoDecodeException(
                VideoDecodeError.TooLong,
                $"The video lasts {duration.ToString("F0", CultureInfo.InvariantCulture)} s, more than the limit of {options.MaxDuration}.");
        }

        int modulus = VpdqSampling.FrameModulus(options.SecondsPerHash, stream.FrameRate);
        return new FramePlan(stream, width, height, modulus, options.UseSelectFilter && modulus > 1);
    }

    /// <summary>The frame number of the <paramref name="delivered"/>-th frame read from FFmpeg (0-based).</summary>
    public long FrameNumberOf(long delivered) => UseSelect ? delivered * FrameModulus : delivered;

    /// <summary>
    /// FFmpeg arguments: decode the chosen stream without auto-rotation, deliver every decoded frame in output order
    /// (<c>-fps_mode passthrough</c>: no frame is dropped or duplicated to fit a frame rate), convert with swscale's
    /// area filter to RGB24 at the sample size, and write raw frames to stdout.
    /// </summary>
    public IReadOnlyList<string> FfmpegArguments(string fullPath)
    {
        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-nostats", "-v", "error",
            "-noautorotate",
            "-i", VideoProbe.FileUrl(fullPath),
            "-map", "0:" + Stream.StreamIndex.ToString(CultureInfo.InvariantCulture),
            "-an", "-sn", "-dn",
        };
        if (UseSelect)
        {
            // n is the 0-based count of frames entering the filter, i.e. the decoder's output order. The comma inside
            // the expression is escaped for the filtergraph parser (no shell is involved).
            arguments.Add("-vf");
            arguments.Add("select=not(mod(n\\," + FrameModulus.ToString(CultureInfo.InvariantCulture) + "))");
        }

        arguments.AddRange(
        [
            "-fps_mode", "passthrough",
            "-sws_flags", "area",
            "-s", Width.ToString(CultureInfo.InvariantCulture) + "x" + Height.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "rgb24",
            "-f", "rawvideo",
            "pipe:1",
        ]);
        return arguments;
    }
}
