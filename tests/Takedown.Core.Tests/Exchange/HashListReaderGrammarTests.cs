using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using PdqLines = Takedown.Matching.Banks.HashListReader;

namespace Takedown.Core.Tests.Exchange;

/// <summary>
/// The exchange import reads the PDQ line forms (<c>takedown hash</c> output and <c>HASH[,LABEL]</c>) with the grammar of
/// <c>takedown bank build</c> / <c>match --bank</c>, so a line means the same to every command.
/// </summary>
public sealed class HashListReaderGrammarTests
{
    private const string Pdq1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string Pdq2 = "0000000000000000000000000000000000000000000000000000000000000001";

    [Theory]
    [InlineData($"{Pdq1},100,/photos/a,b.jpg")]
    [InlineData($"  {Pdq1} , 87 , /photos/c.jpg  ")]
    [InlineData($"3,90,{Pdq2},1.500,/videos/v,1.mp4")]
    [InlineData($"3,90,{Pdq2},1.500")]
    public void Read_TakedownHashLine_SameHashAndQualityAsTheBankBuildReader(string line)
    {
        // Given what `takedown bank build` makes of the line.
        Takedown.Matching.Banks.HashListEntry expected = PdqLines.Read(new StringReader(line), "list").ShouldHaveSingleItem();

        // When the exchange import reads it (detecting the format).
        HashListEntry entry = HashListReader.Read(new StringReader(line), HashListFormat.Auto).ToList().ShouldHaveSingleItem();

        // Then hash and quality agree and the label is the file name of the same path.
        entry.Kind.ShouldBe(HashKind.Pdq);
        entry.Value.ShouldBe(expected.Hash.ToString());
        entry.Quality.ShouldBe(expected.Quality);
        entry.Label.ShouldBe(expected.Frame is not null && !line.Contains('/', StringComparison.Ordinal) ? null : Path.GetFileName(expected.Label));
    }

    [Fact]
    public void Read_BankLineWhoseLabelStartsWithANumber_KeepsTheWholeLabel()
    {
        // Given a bank export line whose label looks like QUALITY,PATH.
        string text = $"{Pdq1.ToUpperInvariant()},12,batch\n{Pdq2}\n";

        // When it is read as a bank file.
        List<HashListEntry> entries = HashListReader.Read(new StringReader(text), HashListFormat.Bank).ToList();

        // Then the label is not taken for a quality (an exported bank reads back unchanged) and nothing is dropped.
        entries.ShouldBe([new HashListEntry(HashKind.Pdq, Pdq1, "12,batch", null), new HashListEntry(HashKind.Pdq, Pdq2, null, null)]);
    }

    [Theory]
    [InlineData(HashListFormat.TakedownHash, $"{Pdq1},abc,/a.jpg", "line 1: quality 'abc' is not an integer 0..100")]
    [InlineData(HashListFormat.TakedownHash, $"{Pdq1},101,/a.jpg", "line 1: quality '101' is not an integer 0..100")]
    [InlineData(HashListFormat.TakedownHash, $"{Pdq1},87", "line 1: expected HASH,QUALITY,PATH")]
    [InlineData(HashListFormat.TakedownHash, $"1,101,{Pdq1},0.000,/v.mp4", "line 1: expected a quality from 0 to 100 in the second field of a video line, found '101' (3 characters)")]
    [InlineData(HashListFormat.TakedownHash, $"1,90,{Pdq1},soon,/v.mp4", "line 1: expected a timestamp in seconds in the fourth field of a video line, found 'soon' (4 characters)")]
    [InlineData(HashListFormat.Bank, "abc,label", "line 1: expected a 64-digit hex PDQ hash first, found 'abc' (3 characters)")]
    [InlineData(HashListFormat.Bank, $"{Pdq1}z,label", "line 1: expected a 64-digit hex PDQ hash first, found 'f8f8f0cee0f4a84f06370a22…' (65 characters)")]
    public void Read_MalformedPdqLine_ThrowsTheSharedReasonWithTheLineNumber(HashListFormat format, string line, string message)
    {
        Should.Throw<ExchangeFormatException>(() => HashListReader.Read(new StringReader(line), format).ToList()).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData($"{Pdq1},100,/a.jpg", HashListFormat.TakedownHash)]
    [InlineData($"0,100,{Pdq1},0.000", HashListFormat.TakedownHash)]
    [InlineData($"{Pdq1},label", HashListFormat.Bank)]
    [InlineData($"{Pdq1}", HashListFormat.Bank)]
    [InlineData($"pdq {Pdq1}", HashListFormat.Pytx)]
    [InlineData("signal_type,signal_value,label", HashListFormat.Csv)]
    public void Detect_FirstLine_NamesItsFormat(string firstLine, HashListFormat expected)
    {
        HashListReader.Detect(firstLine).ShouldBe(expected);
    }
}
