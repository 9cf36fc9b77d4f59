using Takedown.Hashing.Video;

namespace Takedown.Hashing.Tests.Video;

public sealed class FramePlanTests
{
    private static readonly VideoStreamInfo s_stream = new(3, 720, 480, 29.97, 60, 1798, 90, "h264");

    [Fact]
    public void FfmpegArguments_EveryFrame_DecodesStoredFramesInOutputOrderAtStreamSize()
    {
        // Given every frame hashed
        FramePlan plan = FramePlan.Create(s_stream, new VideoHashOptions { SecondsPerHash = 0 });

        // When
        List<string> args = [.. plan.FfmpegArguments("/videos/-x.mp4")];

        // Then
        plan.FrameModulus.ShouldBe(1);
        plan.UseSelect.ShouldBeFalse();
        args.IndexOf("-noautorotate").ShouldBeLessThan(args.IndexOf("-i"));
        args[args.IndexOf("-i") + 1].ShouldBe("file:/videos/-x.mp4");
        args[args.IndexOf("-map") + 1].ShouldBe("0:3");
        args[args.IndexOf("-fps_mode") + 1].ShouldBe("passthrough");
        args[args.IndexOf("-sws_flags") + 1].ShouldBe("area");
        args[args.IndexOf("-s") + 1].ShouldBe("720x480");
        args[args.IndexOf("-pix_fmt") + 1].ShouldBe("rgb24");
        args[args.IndexOf("-f") + 1].ShouldBe("rawvideo");
        args[^1].ShouldBe("pipe:1");
        args.ShouldNotContain("-vf");
    }

    [Fact]
    public void FfmpegArguments_OneHashPerSecond_SelectsEveryFrameModulusFrame()
    {
        // Given 1 s per hash at 29.97 fps and a 128x128 downsample
        FramePlan plan = FramePlan.Create(s_stream, new VideoHashOptions { SecondsPerHash = 1, DownsampleSize = 128 });

        // When
        List<string> args = [.. plan.FfmpegArguments("/v.mp4")];

        // Then
        plan.FrameModulus.ShouldBe(29);
        args[args.IndexOf("-vf") + 1].ShouldBe("select=not(mod(n\\,29))");
        args[args.IndexOf("-s") + 1].ShouldBe("128x128");
        plan.FrameNumberOf(3).ShouldBe(87);
    }

    [Fact]
    public void Create_DecodeThenSkip_NumbersEveryDeliveredFrame()
    {
        FramePlan plan = FramePlan.Create(s_stream, new VideoHashOptions { SecondsPerHash = 1, UseSelectFilter = false });

        plan.UseSelect.ShouldBeFalse();
        plan.FrameNumberOf(3).ShouldBe(3);
    }

    [Theory]
    [InlineData(4, 480, 0, VideoDecodeError.TooSmall)]
    [InlineData(720, 4, 0, VideoDecodeError.TooSmall)]
    [InlineData(720, 480, 4, VideoDecodeError.TooSmall)]
    [InlineData(20000, 480, 0, VideoDecodeError.TooLarge)]
    public void Create_BadSize_ThrowsWithReason(int width, int height, int downsample, VideoDecodeError reason)
    {
        VideoStreamInfo stream = s_stream with { Width = width, Height = height };

        Should.Throw<VideoDecodeException>(() => FramePlan.Create(stream, new VideoHashOptions { DownsampleSize = downsample }))
            .Reason.ShouldBe(reason);
    }

    [Fact]
    public void Create_LongerThanLimit_ThrowsTooLong()
    {
        var options = new VideoHashOptions { MaxDuration = TimeSpan.FromSeconds(59) };

        Should.Throw<VideoDecodeException>(() => FramePlan.Create(s_stream, options)).Reason.ShouldBe(VideoDecodeError.TooLong);
    }

    [Fact]
    public void Create_NoFrameRate_ThrowsNoFrameRate()
    {
        Should.Throw<VideoDecodeException>(() => FramePlan.Create(s_stream with { FrameRate = 0 }, VideoHashOptions.Default))
            .Reason.ShouldBe(VideoDecodeError.NoFrameRate);
    }
}
