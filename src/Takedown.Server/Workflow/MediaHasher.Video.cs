using System.Globalization;
using Takedown.Core;
using Takedown.Hashing.Video;

namespace Takedown.Server.Workflow;

/// <summary>Video hashing: bounded, concurrency-limited, through a private temporary file deleted right after.</summary>
public sealed partial class MediaHasher
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly int _maxVideoBytes;
    private readonly SemaphoreSlim _videoSlots;
    private readonly VideoHashOptions _videoOptions;

    /// <summary>Largest video accepted, bytes.</summary>
    public int MaxVideoBytes => _maxVideoBytes;

    /// <summary>The video decoding slots (tests take them to show the busy answer).</summary>
    internal SemaphoreSlim VideoSlots => _videoSlots;

    /// <summary>Whether the bytes start like a video container (ISO-BMFF, Matroska/WebM, AVI, MPEG-TS/PS, FLV, ASF, Ogg).</summary>
    public static bool IsVideo(ReadOnlySpan<byte> media) => VideoSniffer.IsVideo(media);

    /// <summary>
    /// vPDQ of a video at one hash per second (python-threatexchange's and HMA's setting), with the configured limits on
    /// size, duration, frames and time. FFmpeg needs to seek in most containers (an MP4 whose index sits at the end), so
    /// the bytes go to a temporary file readable only by this user (0600) in a fresh private directory (0700), on
    /// <c>/dev/shm</c> (memory) when it exists; the file and directory are deleted in <c>finally</c> as soon as FFmpeg is
    /// done, whatever happens.
    /// </summary>
    /// <param name="media">The video bytes.</param>
    /// <param name="waitForSlot">Wait for a free decoding slot (removals, sweeps) rather than fail at once (<c>/check</c>).</param>
    /// <param name="cancellationToken">Stops FFmpeg.</param>
    /// <exception cref="VideoBusyException">No slot was free and <paramref name="waitForSlot"/> is false.</exception>
    /// <exception cref="DomainValidationException">The video is too large, damaged, not media, audio only, too long, or too slow to decode.</exception>
    public async Task<IReadOnlyList<VideoFrameHash>> HashVideoAsync(ReadOnlyMemory<byte> media, bool waitForSlot, CancellationToken cancellationToken)
    {
        EnsureNotEmpty(media);
        if (media.Length > _maxVideoBytes)
        {
            throw new DomainValidationException(
                $"The video is larger than {_maxVideoBytes.ToString(CultureInfo.InvariantCulture)} bytes, the most this service hashes.");
        }

        if (!await _videoSlots.WaitAsync(waitForSlot ? Timeout.Infinite : 0, cancellationToken))
        {
            throw new VideoBusyException();
        }

        string? directory = null;
        try
        {
            directory = CreatePrivateDirectory();
            string path = Path.Combine(directory, "video");
            await WritePrivateFileAsync(path, media, cancellationToken);
            VideoHashResult result = await VideoHasher.HashAsync(path, _videoOptions, cancellationToken);
            return result.Frames;
        }
        catch (VideoDecodeException e)
        {
            throw new DomainValidationException(Describe(e), e);
        }
        finally
        {
            if (directory is not null)
            {
                DeleteQuietly(directory);
            }

            _videoSlots.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _videoSlots.Dispose();

    private static string Describe(VideoDecodeException e) => e.Reason switch
    {
        VideoDecodeError.NotMedia => "The upload looks like a video container but FFmpeg cannot read it (damaged or not media).",
        VideoDecodeError.NoVideoStream => "The media has no video stream (audio only?).",
        VideoDecodeError.Truncated => "The video is truncated: it ends before the frames its container declares.",
        VideoDecodeError.EmptyFile => "The video is empty.",
        VideoDecodeError.TooSmall => "The video frames are smaller than 5 pixels a side.",
        VideoDecodeError.TooLarge => "The video frames are too large to hash.",
        VideoDecodeError.NoFrameRate => "The video declares no usable frame rate.",
        VideoDecodeError.TooLong => "The video is longer than this service hashes.",
        VideoDecodeError.TooManyFrames => "The video has more frames than this service hashes.",
        VideoDecodeError.Timeout => "Decoding the video took longer than this service allows.",
        VideoDecodeError.FfmpegUnavailable => "Video hashing is unavailable on this node (FFmpeg is not installed).",
        _ => "The video could not be decoded.",
    };

    /// <summary>A fresh directory only this user can enter, on memory-backed <c>/dev/shm</c> when available.</summary>
    private static string CreatePrivateDirectory()
    {
        string root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string path = Path.Combine(root, "takedown-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, PrivateDirectory);
        }

        return path;
    }

    private static async Task WritePrivateFileAsync(string path, ReadOnlyMemory<byte> media, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        FileStream file = new(path, options);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(media, cancellationToken);
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or a file still open on another platform: nothing more can be done here.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
