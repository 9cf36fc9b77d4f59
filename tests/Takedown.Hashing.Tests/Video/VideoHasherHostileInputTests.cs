using Takedown.Hashing.Video;
using Takedown.Tests.Shared;

namespace Takedown.Hashing.Tests.Video;

/// <summary>Broken input gives a clear <see cref="VideoDecodeException"/>, and no FFmpeg process survives any call.</summary>
public sealed class VideoHasherHostileInputTests(HostileMedia media) : IClassFixture<HostileMedia>
{
    public static TheoryData<string, VideoDecodeError> BrokenFiles => new()
    {
        { nameof(HostileMedia.Empty), VideoDecodeError.EmptyFile },
        { nameof(HostileMedia.TruncatedFrames), VideoDecodeError.Truncated },
        { nameof(HostileMedia.TruncatedHeader), VideoDecodeError.NotMedia },
        { nameof(HostileMedia.AudioOnly), VideoDecodeError.NoVideoStream },
        { nameof(HostileMedia.OnePixel), VideoDecodeError.TooSmall },
        { nameof(HostileMedia.NotMedia), VideoDecodeError.NotMedia },
        { nameof(HostileMedia.Missing), VideoDecodeError.FileNotFound },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task HashAsync_BrokenFile_ThrowsWithReasonAndLeavesNoProcess(string file, VideoDecodeError reason)
    {
        // Given
        string path = (string)typeof(HostileMedia).GetProperty(file)!.GetValue(media)!;
        var watch = new ProcessWatch();
        var options = new VideoHashOptions { SecondsPerHash = 0, ProcessStarted = watch.OnStarted };

        // When
        VideoDecodeException error = await Should.ThrowAsync<VideoDecodeException>(
            () => VideoHasher.HashAsync(path, options, TestContext.Current.CancellationToken));

        // Then
        error.Reason.ShouldBe(reason, error.Message);
        error.Message.ShouldNotBeNullOrWhiteSpace();
        watch.Alive().ShouldBeEmpty();
    }

    [Fact]
    public async Task HashAsync_TruncatedFrames_MessageCarriesFfmpegError()
    {
        VideoDecodeException error = await Should.ThrowAsync<VideoDecodeException>(
            () => VideoHasher.HashAsync(media.TruncatedFrames, new VideoHashOptions { SecondsPerHash = 1 }, TestContext.Current.CancellationToken));

        error.Reason.ShouldBe(VideoDecodeError.Truncated);
        error.Message.ShouldContain("partial file");
    }

    [Fact]
    public async Task HashFramesAsync_CancelledMidStream_ThrowsAndKillsFfmpeg()
    {
        // Given a video being hashed frame by frame
        var watch = new ProcessWatch();
        var options = new VideoHashOptions { SecondsPerHash = 0, ProcessStarted = watch.OnStarted };
        string path = VpdqReferenceData.VideoPath("chair-orig-22-sd-bar");
        VideoStreamInfo stream = await VideoProbe.ProbeAsync(path, options, TestContext.Current.CancellationToken);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        int received = 0;

        // When it is cancelled after a few frames
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (VideoFrameHash frame in VideoHasher.HashFramesAsync(path, stream, options, cancellation.Token))
            {
                frame.FrameNumber.ShouldBe(received++);
                if (received == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        // Then
        received.ShouldBe(5);
        watch.Started.ShouldBe(2);
        watch.Alive().ShouldBeEmpty();
    }

    [Fact]
    public async Task HashFramesAsync_EnumerationStoppedEarly_KillsFfmpeg()
    {
        // Given
        var watch = new ProcessWatch();
        var options = new VideoHashOptions { SecondsPerHash = 0, ProcessStarted = watch.OnStarted };
        string path = VpdqReferenceData.VideoPath("chair-19-sd-bar");
        VideoStreamInfo stream = await VideoProbe.ProbeAsync(path, options, TestContext.Current.CancellationToken);

        // When the consumer stops after three frames
        var frames = new List<VideoFrameHash>();
        await foreach (VideoFrameHash frame in VideoHasher.HashFramesAsync(path, stream, options, TestContext.Current.CancellationToken))
        {
            frames.Add(frame);
            if (frames.Count == 3)
            {
                break;
            }
        }

        // Then
        frames.Select(f => f.FrameNumber).ShouldBe([0, 1, 2]);
        watch.Alive().ShouldBeEmpty();
    }

    [Fact]
    public async Task HashAsync_TimeoutExceeded_ThrowsTimeoutAndKillsFfmpeg()
    {
        var watch = new ProcessWatch();
        var options = new VideoHashOptions { SecondsPerHash = 0, Timeout = TimeSpan.FromMilliseconds(30), ProcessStarted = watch.OnStarted };

        VideoDecodeException error = await Should.ThrowAsync<VideoDecodeException>(
            () => VideoHasher.HashAsync(VpdqReferenceData.VideoPath("chair-orig-22-sd-bar"), options, TestContext.Current.CancellationToken));

        error.Reason.ShouldBe(VideoDecodeError.Timeout);
        watch.Alive().ShouldBeEmpty();
    }

    [Fact]
    public async Task HashAsync_MoreFramesThanLimit_ThrowsTooManyFrames()
    {
        var watch = new ProcessWatch();
        var options = new VideoHashOptions { SecondsPerHash = 0, MaxFrames = 10, ProcessStarted = watch.OnStarted };

        VideoDecodeException error = await Should.ThrowAsync<VideoDecodeException>(
            () => VideoHasher.HashAsync(media.Pattern, options, TestContext.Current.CancellationToken));

        error.Reason.ShouldBe(VideoDecodeError.TooManyFrames);
        watch.Alive().ShouldBeEmpty();
    }

    [Fact]
    public async Task HashAsync_LongerThanLimit_ThrowsTooLong()
    {
        var options = new VideoHashOptions { MaxDuration = TimeSpan.FromSeconds(5) };

        VideoDecodeException error = await Should.ThrowAsync<VideoDecodeException>(
            () => VideoHasher.HashAsync(media.Pattern, options, TestContext.Current.CancellationToken));

        error.Reason.ShouldBe(VideoDecodeError.TooLong);
    }

    [Fact]
    public async Task HashAsync_MissingFfmpeg_ThrowsFfmpegUnavailable()
    {
        var options = new VideoHashOptions { FfprobePath = "/nonexistent/ffprobe" };

        VideoDecodeException error = await Should.ThrowAsync<VideoDecodeException>(
            () => VideoHasher.HashAsync(media.Pattern, options, TestContext.Current.CancellationToken));

        error.Reason.ShouldBe(VideoDecodeError.FfmpegUnavailable);
    }

    [Fact]
    public async Task HashAsync_OddSizeVariableFrameRate_HashesEveryDecodedFrameWithNominalTimestamps()
    {
        // Given a 97x61 clip of 60 frames whose timestamps jump by half a second after frame 20
        var options = new VideoHashOptions { SecondsPerHash = 0 };

        // When
        VideoHashResult result = await VideoHasher.HashAsync(media.OddVfr, options, TestContext.Current.CancellationToken);

        // Then: every frame, numbered in order, timed as frame / fps (not by its PTS), as the reference does
        result.Stream.Width.ShouldBe(97);
        result.Stream.Height.ShouldBe(61);
        result.Frames.Count.ShouldBe(60);
        result.Frames.Select(f => f.FrameNumber).ShouldBe(Enumerable.Range(0, 60));
        result.Frames[30].Timestamp.ShouldBe(VpdqSampling.Timestamp(30, result.Stream.FrameRate));
        result.Frames.ShouldAllBe(f => f.Quality > 0);
    }

    [Fact]
    public async Task HashAsync_OneHashPerSecond_SelectFilterAndDecodeThenSkipAgree()
    {
        // Given 6 s at 25 frames/s
        var selected = new VideoHashOptions { SecondsPerHash = 1 };
        var skipped = new VideoHashOptions { SecondsPerHash = 1, UseSelectFilter = false };
        var every = new VideoHashOptions { SecondsPerHash = 0 };

        // When
        VideoHashResult a = await VideoHasher.HashAsync(media.Pattern, selected, TestContext.Current.CancellationToken);
        VideoHashResult b = await VideoHasher.HashAsync(media.Pattern, skipped, TestContext.Current.CancellationToken);
        VideoHashResult all = await VideoHasher.HashAsync(media.Pattern, every, TestContext.Current.CancellationToken);

        // Then: frames 0, 25, ..., 125, identical to the same frames of an every-frame pass
        a.Frames.Select(f => f.FrameNumber).ShouldBe([0, 25, 50, 75, 100, 125]);
        b.Frames.ShouldBe(a.Frames);
        a.Frames.ShouldBe(all.Frames.Where(f => f.FrameNumber % 25 == 0));
    }

    [Fact]
    public async Task HashAsync_Downsample64_HashesSquareFramesThroughFastPath()
    {
        // Given -s 64: every frame scaled to 64x64, which PDQ hashes without the blur
        var options = new VideoHashOptions { SecondsPerHash = 1, DownsampleSize = 64 };

        // When
        VideoHashResult result = await VideoHasher.HashAsync(media.Pattern, options, TestContext.Current.CancellationToken);

        // Then
        result.Frames.Count.ShouldBe(6);
        result.Frames.ShouldAllBe(f => f.Quality > 0);
        result.Frames.Select(f => f.Hash).Distinct().Count().ShouldBe(6);
    }
}
