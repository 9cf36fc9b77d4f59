using Takedown.Hashing.Pdq;
using Takedown.Matching.Banks;

namespace Takedown.Matching.Tests.Banks;

public sealed class HashListReaderTests
{
    private const string H1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string H2 = "0000000000000000000000000000000000000000000000000000000000000001";

    [Fact]
    public void Read_AllThreeForms_ParsesHashLabelAndQuality()
    {
        string text = $"""
            # exported list
            hash,label

            {H1},case 12, second part
            {H2}
            {H1.ToUpperInvariant()},87,/photos/a,b.jpg
            {H2},101,not a quality
            """;

        List<HashListEntry> entries = HashListReader.Read(new StringReader(text), "list.csv");

        entries.ShouldBe([
            new HashListEntry(PdqHash.Parse(H1), "case 12, second part", null, 4),
            new HashListEntry(PdqHash.Parse(H2), null, null, 5),
            new HashListEntry(PdqHash.Parse(H1), "/photos/a,b.jpg", 87, 6),
            new HashListEntry(PdqHash.Parse(H2), "101,not a quality", null, 7),
        ]);
    }

    [Fact]
    public void Read_MalformedLines_ReportsEachLineNumber()
    {
        string text = $"""
            {H1},ok
            {H1[..63]},short
            {H1}
            {H1[..63]}g,bad digit
            hash,label
            """;

        HashListFormatException error = Should.Throw<HashListFormatException>(() => HashListReader.Read(new StringReader(text), "bank.txt"));

        error.LineNumbers.ShouldBe([2, 4, 5]);
        error.Message.ShouldContain("bank.txt:2:");
        error.Message.ShouldContain("bank.txt:4: the hash has a character that is not a hex digit");
        error.Message.ShouldContain("3 malformed lines");
    }
}
