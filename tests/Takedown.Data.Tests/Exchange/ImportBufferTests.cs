using System.Text;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Exchange;

public sealed class ImportBufferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Keys(ImportBuffer buffer) => [.. Enumerable.Range(0, buffer.Count).Select(buffer.KeyString)];

    [Fact]
    public void Read_ShuffledListWithDuplicates_KeyOrderAndLastLineOfEachKeyWins()
    {
        var random = new Random(11);
        var lines = new List<HashListEntry>();
        var lastLabel = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < 3000; i++)
        {
            string value = random.Next(1000).ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
            string? label = random.Next(4) == 0 ? null : "l" + random.Next(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            lines.Add(new HashListEntry(HashKind.Pdq, value, label, null));
            lastLabel["pdq:" + value] = label;
        }

        ImportBuffer buffer = ImportBuffer.Read(lines, Ct);

        Keys(buffer).ShouldBe(lastLabel.Keys.Order(StringComparer.Ordinal));
        for (int i = 0; i < buffer.Count; i++)
        {
            buffer.Label(i).ShouldBe(lastLabel[buffer.KeyString(i)]);
        }
    }

    [Fact]
    public void Read_MixedKinds_KeysAreKindColonValue()
    {
        ImportBuffer buffer = ImportBuffer.Read(
            [new HashListEntry(HashKind.Sha256, "bb", "s", null), new HashListEntry(HashKind.Md5, "aa", null, null), new HashListEntry(HashKind.Pdq, "cc", "p", null)], Ct);

        Keys(buffer).ShouldBe(["md5:aa", "pdq:cc", "sha256:bb"]);
        Enumerable.Range(0, 3).Select(buffer.Label).ShouldBe([null, "p", "s"]);
        buffer.Key(1).ToArray().ShouldBe([SignalCodec.TextTag, .. Encoding.ASCII.GetBytes("pdq:cc")]);
    }

    [Fact]
    public void Read_CanonicalHashes_StoredAsTagAndRawBytesInHashOrder()
    {
        string pdqHigh = new string('f', 63) + "0", pdqLow = new string('0', 63) + "f", md5 = new string('a', 32), upper = new string('A', 64);

        ImportBuffer buffer = ImportBuffer.Read(
            [new HashListEntry(HashKind.Pdq, pdqHigh, null, null), new HashListEntry(HashKind.Pdq, upper, null, null),
             new HashListEntry(HashKind.Md5, md5, null, null), new HashListEntry(HashKind.Pdq, pdqLow, null, null)], Ct);

        // Upper-case hex is not canonical: kept as text (tag 0), so it reads back exactly as written.
        Keys(buffer).ShouldBe(["pdq:" + upper, "md5:" + md5, "pdq:" + pdqLow, "pdq:" + pdqHigh]);
        buffer.Key(1).ToArray().ShouldBe([SignalCodec.Md5Tag, .. Convert.FromHexString(md5)]);
        buffer.Key(2).Length.ShouldBe(33);
        buffer.Key(2)[0].ShouldBe(SignalCodec.PdqTag);
    }

    [Fact]
    public void Read_NonAsciiValues_SortedByUtf8BytesAsTheDatabasesCompare()
    {
        // U+FF21 is EF BC A1 in UTF-8 and sorts before U+1F600 (F0 9F 98 80); UTF-16 ordinal order is the reverse.
        ImportBuffer buffer = ImportBuffer.Read(
            [new HashListEntry(HashKind.Pdq, "\U0001F600", null, null), new HashListEntry(HashKind.Pdq, "\uFF21", null, null), new HashListEntry(HashKind.Pdq, "z", null, null)], Ct);

        Keys(buffer).ShouldBe(["pdq:z", "pdq:\uFF21", "pdq:\U0001F600"]);
    }

    [Fact]
    public void Read_KeysAroundTheEightBytePrefixWithNulBytes_SortedByBytes()
    {
        // Text keys are tag 0 + "pdq:" + value: these end before, at and after the eight bytes the sort compares first,
        // and a key padded with zeros ties with one that really has zeros there, so the full bytes decide.
        string[] values = ["abcd", "a\u0001", "\0\0", "abc", "a\0b", "", "ab", "a", "\0", "a\0", "abc\0", "ab\0\0"];

        ImportBuffer buffer = ImportBuffer.Read([.. values.Select(v => new HashListEntry(HashKind.Pdq, v, null, null))], Ct);

        Keys(buffer).ShouldBe(values.Select(v => "pdq:" + v).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_ValueLongerThanAnArenaChunk_KeptWholeBetweenShortOnes()
    {
        string big = new('b', 3 << 19);

        ImportBuffer buffer = ImportBuffer.Read(
            [new HashListEntry(HashKind.Pdq, "c", null, null), new HashListEntry(HashKind.Pdq, big, "big", null), new HashListEntry(HashKind.Pdq, "a", null, null)], Ct);

        Keys(buffer).ShouldBe(["pdq:a", "pdq:" + big, "pdq:c"]);
        buffer.Label(1).ShouldBe("big");
    }

    [Fact]
    public void Read_CancelledToken_Throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Should.Throw<OperationCanceledException>(() => ImportBuffer.Read([new HashListEntry(HashKind.Pdq, "a", null, null)], source.Token));
    }

    [Fact]
    public void Add_AfterSorting_Throws()
    {
        ImportBuffer buffer = ImportBuffer.Read([new HashListEntry(HashKind.Pdq, "a", null, null)], Ct);

        Should.Throw<InvalidOperationException>(() => buffer.Add(new HashListEntry(HashKind.Pdq, "b", null, null)));
        Should.Throw<ArgumentOutOfRangeException>(() => buffer.Label(1));
    }
}
