using System.Text;
using Takedown.Hashing.Video;

namespace Takedown.Hashing.Tests.Video;

public sealed class VideoProbeTests
{
    [Theory]
    [InlineData("30/1", 30.0)]
    [InlineData("30000/1001", 30000.0 / 1001.0)]
    [InlineData("0/0", 0.0)]
    [InlineData("25", 25.0)]
    [InlineData("", 0.0)]
    [InlineData(null, 0.0)]
    [InlineData("1/0", 0.0)]
    [InlineData("x/y", 0.0)]
    public void ParseRate_FfprobeRational_GivesDouble(string? text, double expected)
    {
        VideoProbe.ParseRate(text).ShouldBe(expected);
    }

    [Fact]
    public void Parse_RotatedStreamAfterCoverArt_PicksFirstRealVideoStream()
    {
        // Given an audio stream, a cover-art picture and a rotated phone video
        const string json = """
            {"streams": [
              {"index": 0, "codec_type": "audio", "codec_name": "aac"},
              {"index": 1, "codec_type": "video", "codec_name": "mjpeg", "width": 600, "height": 600,
               "avg_frame_rate": "0/0", "r_frame_rate": "90000/1", "disposition": {"attached_pic": 1}},
              {"index": 2, "codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080,
               "avg_frame_rate": "0/0", "r_frame_rate": "30000/1001", "nb_frames": "300", "duration": "10.010000",
               "disposition": {"attached_pic": 0},
               "side_data_list": [{"side_data_type": "Display Matrix", "rotation": -90}]}
            ],
            "format": {"duration": "10.5"}}
            """;

        // When
        VideoStreamInfo info = VideoProbe.Parse(Encoding.UTF8.GetBytes(json));

        // Then
        info.ShouldBe(new VideoStreamInfo(2, 1920, 1080, 30000.0 / 1001.0, 10.01, 300, -90, "h264"));
    }

    [Fact]
    public void Parse_NoStreamDuration_FallsBackToContainerDuration()
    {
        const string json = """
            {"streams": [{"index": 0, "codec_type": "video", "codec_name": "vp9", "width": 64, "height": 48,
              "avg_frame_rate": "25/1", "tags": {"rotate": "180"}}],
             "format": {"duration": "2.000"}}
            """;

        VideoStreamInfo info = VideoProbe.Parse(Encoding.UTF8.GetBytes(json));

        info.Duration.ShouldBe(2.0);
        info.FrameCount.ShouldBeNull();
        info.Rotation.ShouldBe(180);
    }

    [Theory]
    [InlineData("""{"streams": [{"index": 0, "codec_type": "audio"}]}""", VideoDecodeError.NoVideoStream)]
    [InlineData("""{"streams": []}""", VideoDecodeError.NotMedia)]
    [InlineData("""{}""", VideoDecodeError.NotMedia)]
    [InlineData("""not json""", VideoDecodeError.NotMedia)]
    public void Parse_NoUsableVideo_ThrowsWithReason(string json, VideoDecodeError reason)
    {
        Should.Throw<VideoDecodeException>(() => VideoProbe.Parse(Encoding.UTF8.GetBytes(json))).Reason.ShouldBe(reason);
    }
}
