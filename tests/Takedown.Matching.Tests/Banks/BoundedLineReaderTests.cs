using Takedown.Matching.Banks;

namespace Takedown.Matching.Tests.Banks;

public sealed class BoundedLineReaderTests
{
    private const string H1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    [Theory]
    [InlineData("a\nbb\n\nccc", new[] { "a", "bb", "", "ccc" })]
    [InlineData("a\r\nbb\r\n", new[] { "a", "bb" })]
    [InlineData("a\rbb\r\rc", new[] { "a", "bb", "", "c" })]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    public void ReadLine_LineBreaks_SameLinesAsTextReader(string text, string[] expected)
    {
        ReadAll(new BoundedLineReader(new StringReader(text), 8)).ShouldBe(expected);
        ReadAll(new StringReader(text)).ShouldBe(expected);
    }

    [Fact]
    public void ReadLine_CrLfSplitAcrossBufferRefills_OneLineBreak()
    {
        // maxLineLength 3 -> a 4-character buffer, so "abc\r" fills it and the '\n' arrives with the next read.
        var lines = new BoundedLineReader(new StringReader("abc\r\nde\r\nf"), 3);

        ReadAll(lines).ShouldBe(["abc", "de", "f"]);
        lines.LineNumber.ShouldBe(3);
    }

    [Fact]
    public void ReadLine_LineOfExactlyTheCap_Accepted()
    {
        var lines = new BoundedLineReader(new StringReader("abcd\nabcd"), 4);

        ReadAll(lines).ShouldBe(["abcd", "abcd"]);
    }

    [Fact]
    public void ReadLine_LineOverTheCap_ThrowsNamingTheLine()
    {
        var lines = new BoundedLineReader(new StringReader("ok\n" + new string('x', 5) + "\nnext"), 4);

        lines.ReadLine().ShouldBe("ok");
        var error = Should.Throw<LineTooLongException>(() => lines.ReadLine());

        error.LineNumber.ShouldBe(2);
        error.Message.ShouldContain("line 2");
    }

    [Fact]
    public void ReadLine_HugeInputWithoutLineBreaks_ThrowsWithoutReadingItAll()
    {
        var source = new EndlessReader();
        var lines = new BoundedLineReader(source);

        Should.Throw<LineTooLongException>(() => lines.ReadLine()).LineNumber.ShouldBe(1);
        source.CharactersRead.ShouldBeLessThanOrEqualTo(BoundedLineReader.DefaultMaxLineLength + 1);
    }

    [Fact]
    public void HashListRead_OverLongLine_ReportedAsMalformedLine()
    {
        string text = H1 + ",a\n" + H1 + "," + new string('l', BoundedLineReader.DefaultMaxLineLength) + "\n" + H1 + "\n";

        var error = Should.Throw<HashListFormatException>(() => HashListReader.Read(new StringReader(text), "list.txt"));

        error.LineNumbers.ShouldBe([2]);
        error.Message.ShouldContain("list.txt:2: longer than");
    }

    private static List<string> ReadAll(BoundedLineReader lines)
    {
        var result = new List<string>();
        while (lines.ReadLine() is { } line)
        {
            result.Add(line);
        }

        return result;
    }

    private static List<string> ReadAll(TextReader reader)
    {
        var result = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            result.Add(line);
        }

        return result;
    }

    /// <summary>An input that never ends and never breaks a line.</summary>
    private sealed class EndlessReader : TextReader
    {
        public long CharactersRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            buffer.AsSpan(index, count).Fill('0');
            CharactersRead += count;
            return count;
        }
    }
}
