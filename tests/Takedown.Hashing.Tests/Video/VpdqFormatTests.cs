using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Tests.Shared;

namespace Takedown.Hashing.Tests.Video;

public sealed class VpdqFormatTests
{
    private const string Hex = "e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c";

    [Fact]
    public void ParseLine_ReferenceLine_ReadsAllFields()
    {
        // When
        VideoFrameHash frame = VpdqFormat.ParseLine("12,87," + Hex + ",0.400");

        // Then
        frame.FrameNumber.ShouldBe(12);
        frame.Quality.ShouldBe(87);
        frame.Hash.ShouldBe(PdqHash.Parse(Hex));
        frame.Timestamp.ShouldBe(0.4f);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1,100," + Hex)]
    [InlineData("1,101," + Hex + ",0.033")]
    [InlineData("-1,100," + Hex + ",0.033")]
    [InlineData("1,100,xyz,0.033")]
    [InlineData("1,100," + Hex + ",-0.5")]
    [InlineData("1,100," + Hex + ",0.033,extra")]
    public void ParseLine_Malformed_ThrowsFormatException(string line)
    {
        Should.Throw<FormatException>(() => VpdqFormat.ParseLine(line));
    }

    [Fact]
    public void FormatLine_EveryReferenceHashFile_ReproducesEachLineExactly()
    {
        // Given every line of every reference hash file (timestamps are the reference's float n/fps printed as %.3f)
        int lines = 0;
        foreach (string file in Directory.GetFiles(Path.Combine(VpdqReferenceData.Directory, "hashes"), "*.txt"))
        {
            foreach (string line in File.ReadLines(file))
            {
                // When
                VideoFrameHash frame = VpdqFormat.ParseLine(line);

                // Then
                VpdqFormat.FormatLine(frame).ShouldBe(line);
                lines++;
            }
        }

        lines.ShouldBeGreaterThan(2000);
    }

    [Theory]
    [InlineData(0, 30.0, "0.000")]
    [InlineData(1, 30.0, "0.033")]
    [InlineData(2, 30.0, "0.067")]
    [InlineData(29, 29.97, "0.968")]
    [InlineData(9, 8.0, "1.125")]
    [InlineData(107892, 29.97, "3600.000")]
    public void FormatTimestamp_ReferenceArithmetic_MatchesPrintf(int frame, double fps, string expected)
    {
        VpdqFormat.FormatTimestamp(VpdqSampling.Timestamp(frame, fps)).ShouldBe(expected);
    }

    [Fact]
    public void ToSignalString_Frames_WritesPythonThreatExchangeForm()
    {
        // Given frames at 0 s, 1/30 s, 1 s, 12.345 s and 123.4 s
        PdqHash hash = PdqHash.Parse(Hex);
        VideoFrameHash[] frames =
        [
            new(0, 100, hash, 0f), new(1, 99, hash, 1f / 30f), new(30, 50, hash, 1f),
            new(370, 0, hash, 12.345f), new(3702, 7, hash, 123.4f),
        ];

        // When
        string signal = VpdqFormat.ToSignalString(frames);

        // Then: json.dumps of f"{hex},{quality},{ts:.3}" (values from CPython 3.11)
        signal.ShouldBe(
            $"[\"{Hex},100,0.0\", \"{Hex},99,0.0333\", \"{Hex},50,1.0\", \"{Hex},0,12.3\", \"{Hex},7,1.23e+02\"]");
    }

    [Fact]
    public void ParseSignalString_PythonForm_ReadsFramesInOrder()
    {
        // When
        List<VideoFrameHash> frames = VpdqFormat.ParseSignalString($"[\"{Hex},100,0.0\", \"{Hex},64,1.23e+02\"]");

        // Then
        frames.Count.ShouldBe(2);
        frames[1].FrameNumber.ShouldBe(1);
        frames[1].Quality.ShouldBe(64);
        frames[1].Timestamp.ShouldBe(123f);
        frames[1].Hash.ShouldBe(PdqHash.Parse(Hex));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[\"abc,1,0.0\"]")]
    [InlineData("[\"" + Hex + ",100\"]")]
    [InlineData("{\"a\": 1}")]
    public void ParseSignalString_Malformed_ThrowsFormatException(string signal)
    {
        Should.Throw<FormatException>(() => VpdqFormat.ParseSignalString(signal));
    }

    [Fact]
    public void ParseSignalString_Empty_GivesNoFrames()
    {
        VpdqFormat.ParseSignalString("").ShouldBeEmpty();
        VpdqFormat.ParseSignalString("[]").ShouldBeEmpty();
    }

    [Fact]
    public void ReadLines_WriteLines_RoundTrip()
    {
        // Given
        List<VideoFrameHash> frames = VpdqReferenceData.ReadHashes("doorknob-hd-no-bar");
        using var writer = new StringWriter();

        // When
        VpdqFormat.WriteLines(writer, frames);
        List<VideoFrameHash> read = VpdqFormat.ReadLines(new StringReader(writer.ToString()));

        // Then
        read.ShouldBe(frames);
        writer.ToString().ShouldBe(File.ReadAllText(Path.Combine(VpdqReferenceData.Directory, "hashes", "doorknob-hd-no-bar.txt")));
    }
}
