using System.Globalization;
using Spectre.Console;
using Takedown.Hashing.Video;

namespace Takedown.Cli.Hashing;

/// <summary>
/// The video branch of <c>takedown hash</c>: one <c>FRAME,QUALITY,HASH,TIMESTAMP,PATH</c> line per hashed frame
/// (vPDQ, one frame per second; timestamp <c>%.3f</c>), with a progress bar on an interactive stderr for long videos.
/// </summary>
internal static class VideoFileHasher
{
    /// <summary>From this many hashed frames on, an interactive stderr gets a progress bar.</summary>
    public const int ProgressFrames = 300;

    private static int s_progressActive;

    public static FileHashOutcome Hash(HashInput input, VideoHashOptions options)
    {
        try
        {
            VideoStreamInfo stream = VideoProbe.ProbeAsync(input.Path, options).GetAwaiter().GetResult();
            int expected = VideoHasher.EstimateHashedFrames(stream, options);
            var lines = new List<string>(expected);
            if (expected < ProgressFrames || Console.IsErrorRedirected || Interlocked.Exchange(ref s_progressActive, 1) != 0)
            {
                CollectAsync(input.Path, stream, options, lines, onFrame: null).GetAwaiter().GetResult();
                return FileHashOutcome.Success(lines);
            }

            try
            {
                bool started = false;
                try
                {
                    AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
                        .AutoClear(true)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .Start(context =>
                        {
                            started = true;
                            ProgressTask task = context.AddTask(Markup.Escape(Path.GetFileName(input.Path)), maxValue: expected);
                            CollectAsync(input.Path, stream, options, lines, () => task.Increment(1)).GetAwaiter().GetResult();
                        });
                }
                catch (InvalidOperationException) when (!started)
                {
                    // Another live display (the many-files progress bar) owns the console: hash without a bar.
                    CollectAsync(input.Path, stream, options, lines, onFrame: null).GetAwaiter().GetResult();
                }

                return FileHashOutcome.Success(lines);
            }
            finally
            {
                Volatile.Write(ref s_progressActive, 0);
            }
        }
        catch (VideoDecodeException e) when (input.FromDirectory && e.Reason is VideoDecodeError.NotMedia or VideoDecodeError.NoVideoStream)
        {
            return FileHashOutcome.Skipped;
        }
        catch (VideoDecodeException e)
        {
            return FileHashOutcome.Failure(e.Message);
        }
    }

    /// <summary>The reference line plus the path: <c>FRAME,QUALITY,HASH,TIMESTAMP,PATH</c>.</summary>
    public static string FormatLine(VideoFrameHash frame, string path) =>
        string.Create(CultureInfo.InvariantCulture, $"{VpdqFormat.FormatLine(frame)},{path}");

    private static async Task CollectAsync(string path, VideoStreamInfo stream, VideoHashOptions options, List<string> lines, Action? onFrame)
    {
        await foreach (VideoFrameHash frame in VideoHasher.HashFramesAsync(path, stream, options))
        {
            lines.Add(FormatLine(frame, path));
            onFrame?.Invoke();
        }
    }
}
