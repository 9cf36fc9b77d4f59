using Takedown.Hashing.Pdq;
using Takedown.Matching.Banks;

namespace Takedown.Matching.Tests.Banks;

/// <summary>vPDQ video lines: <c>takedown hash VIDEO</c> output and the reference's hash files.</summary>
public sealed class HashListReaderVideoTests
{
    private const string H1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string H2 = "e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c";

    [Fact]
    public void Read_TakedownVideoLines_LabelsEachFrameWithItsVideoPath()
    {
        string text = $"""
            0,100,{H1},0.000,/videos/a.mp4
            30,42,{H2},1.000,/videos/a.mp4
            0,87,{H2.ToUpperInvariant()},0.000,/videos/b, with comma.mp4
            """;

        List<HashListEntry> entries = HashListReader.Read(new StringReader(text), "hashes.txt");

        entries.ShouldBe([
            new HashListEntry(PdqHash.Parse(H1), "/videos/a.mp4", 100, 1, 0),
            new HashListEntry(PdqHash.Parse(H2), "/videos/a.mp4", 42, 2, 30),
            new HashListEntry(PdqHash.Parse(H2), "/videos/b, with comma.mp4", 87, 3, 0),
        ]);
    }

    [Fact]
    public void Read_ReferenceVideoFileWithoutPath_LabelsFramesWithTheListName()
    {
        string text = $"""
            0,100,{H1},0.000
            1,99,{H2},0.033
            """;

        List<HashListEntry> entries = HashListReader.Read(new StringReader(text), "/refs/chair-19-sd-bar.txt");

        entries.Select(e => (e.Label, e.Frame, e.Quality)).ShouldBe([("chair-19-sd-bar", 0, 100), ("chair-19-sd-bar", 1, 99)]);
    }

    [Fact]
    public void Read_VideoAndImageLinesMixed_KeepsFrameOnlyForVideoLines()
    {
        string text = $"""
            {H1},87,/photos/a.jpg
            5,60,{H2},0.167,/videos/c.mp4
            """;

        List<HashListEntry> entries = HashListReader.Read(new StringReader(text), "mixed.txt");

        entries[0].Frame.ShouldBeNull();
        entries[1].Frame.ShouldBe(5);
        entries[1].Label.ShouldBe("/videos/c.mp4");
    }

    [Theory]
    [InlineData($"0,100,{H1}", "found 3 fields")]
    [InlineData($"0,101,{H1},0.000,/v.mp4", "quality from 0 to 100")]
    [InlineData("0,100,abc,0.000,/v.mp4", "third field")]
    [InlineData($"0,100,{H1},soon,/v.mp4", "fourth field")]
    [InlineData($"99999999999,100,{H1},0.000,/v.mp4", "frame number")]
    public void Read_MalformedVideoLine_ReportsTheField(string line, string expected)
    {
        HashListFormatException error = Should.Throw<HashListFormatException>(
            () => HashListReader.Read(new StringReader(line), "bad.txt"));

        error.LineNumbers.ShouldBe([1]);
        error.Message.ShouldContain(expected);
    }
}
