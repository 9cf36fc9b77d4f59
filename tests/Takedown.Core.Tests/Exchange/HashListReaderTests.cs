using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;

namespace Takedown.Core.Tests.Exchange;

public sealed class HashListReaderTests
{
    private const string Pdq1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    private const string Pdq2 = "0000000000000000000000000000000000000000000000000000000000000001";
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";

    [Fact]
    public void Read_HmaCsvWithTypes_ReadsEveryKindAndLabel()
    {
        // Given
        string csv = $"signal_type,signal_value,label\npdq,{Pdq1.ToUpperInvariant()},\"a, b\"\nvideo_md5,{Md5},\n";

        // When
        List<HashListEntry> entries = HashListReader.Read(new StringReader(csv), HashListFormat.Auto).ToList();

        // Then
        entries.ShouldBe([new HashListEntry(HashKind.Pdq, Pdq1, "a, b", null), new HashListEntry(HashKind.Md5, Md5, null, null)]);
    }

    [Fact]
    public void Read_FileWithoutLineBreaks_ClearErrorAfterBoundedReading()
    {
        // A 10 MB "line": refused once the reader's cap is passed, never held whole.
        string text = Pdq1 + "," + new string('x', 10_000_000);

        var error = Should.Throw<ExchangeFormatException>(() => HashListReader.Read(new StringReader(text), HashListFormat.Auto).ToList());

        error.Message.ShouldStartWith("line 1: longer than");
    }

    [Fact]
    public void Read_ThreatExchangeDataFile_ReadsPdqWithTags()
    {
        string text = $"hash,id,time,tags\n{Pdq1},123,1600000000,media_type_photo\n";

        List<HashListEntry> entries = HashListReader.Read(new StringReader(text), HashListFormat.Auto).ToList();

        entries.ShouldHaveSingleItem().ShouldBe(new HashListEntry(HashKind.Pdq, Pdq1, "media_type_photo", null));
    }

    [Fact]
    public void Read_TakedownHashOutput_ReadsImagesAndVideoFramesAndDropsLowQuality()
    {
        string text = $"{Pdq1},100,/photos/a,b.jpg\n{Pdq2},20,/photos/dark.jpg\n1,90,{Pdq2},0.000,/videos/v.mp4\n";

        List<HashListEntry> entries = HashListReader.Read(new StringReader(text), HashListFormat.Auto).ToList();

        entries.ShouldBe([new HashListEntry(HashKind.Pdq, Pdq1, "a,b.jpg", 100), new HashListEntry(HashKind.Pdq, Pdq2, "v.mp4", 90)]);
    }

    [Fact]
    public void Read_BankAndPytxLines_AreDetected()
    {
        HashListReader.Read(new StringReader($"{Pdq1},LABEL\n{Pdq2}\n"), HashListFormat.Auto).Select(e => e.Label).ShouldBe(["LABEL", null]);
        HashListReader.Read(new StringReader($"pdq {Pdq1}\nvideo_md5 {Md5}\n"), HashListFormat.Auto).Select(e => e.Kind).ShouldBe([HashKind.Pdq, HashKind.Md5]);
    }

    [Theory]
    [InlineData("signal_type,signal_value\npdq,abc\n", "line 2: a pdq hash has 64 hexadecimal digits, this one has 3")]
    [InlineData("signal_type,signal_value\npdq,zz0000000000000000000000000000000000000000000000000000000000000000\n", "line 2: a pdq hash has 64 hexadecimal digits, this one has 66")]
    [InlineData("signal_type,signal_value\ntmk,00\n", "line 2: unknown signal type 'tmk'")]
    [InlineData("signal_note,other\nx,y\n", "line 1: the CSV header has no signal_value (or signal, hash, indicator) column")]
    public void Read_MalformedLine_ThrowsWithLineNumber(string text, string message)
    {
        Should.Throw<ExchangeFormatException>(() => HashListReader.Read(new StringReader(text), HashListFormat.Auto).ToList()).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData(HashListFormat.Csv)]
    [InlineData(HashListFormat.Pytx)]
    [InlineData(HashListFormat.TakedownHash)]
    [InlineData(HashListFormat.Bank)]
    public void Write_ThenRead_RoundTrips(HashListFormat format)
    {
        // Given
        HashListEntry[] entries = [new(HashKind.Pdq, Pdq1, format is HashListFormat.Pytx ? null : "label", format == HashListFormat.TakedownHash ? 100 : null), new(HashKind.Md5, Md5, null, null)];
        var writer = new StringWriter();
        HashListWriter.WriteHeader(writer, format);

        // When
        bool[] written = entries.Select(e => HashListWriter.Write(writer, format, e)).ToArray();
        List<HashListEntry> read = HashListReader.Read(new StringReader(writer.ToString()), format).ToList();

        // Then
        bool pdqOnly = format is HashListFormat.TakedownHash or HashListFormat.Bank;
        written.ShouldBe([true, !pdqOnly]);
        read.ShouldBe(pdqOnly ? [entries[0]] : entries);
    }
}
