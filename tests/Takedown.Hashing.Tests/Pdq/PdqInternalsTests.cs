using System.Globalization;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

public sealed class PdqInternalsTests
{
    [Fact]
    public void DctMatrix_EmbeddedBits_EqualReferenceTable()
    {
        // Given
        uint[] reference = File.ReadAllText(PdqReferenceData.PathOf("dct-matrix-16x64-float-bits.txt"))
            .Split([',', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => uint.Parse(t.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();

        // When
        uint[] embedded = PdqDct.Matrix.ToArray().Select(BitConverter.SingleToUInt32Bits).ToArray();

        // Then
        reference.Length.ShouldBe(16 * 64);
        embedded.ShouldBe(reference);
    }

    [Fact]
    public void Median_RandomValuesWithTies_Returns128thSmallest()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 500; trial++)
        {
            // Given: few distinct values in some trials so ties straddle the median.
            int distinct = trial % 3 == 0 ? 5 : 1000;
            float[] values = Enumerable.Range(0, 256).Select(_ => (float)random.Next(distinct) - (distinct / 2)).ToArray();
            float[] sorted = values.Order().ToArray();

            // When
            float median = PdqBits.Median(values);

            // Then
            median.ShouldBe(sorted[127]);
        }
    }

    [Fact]
    public void ToHash_ValuesAboveMedian_SetThoseBitsOnly()
    {
        // Given: value k at position k, so the median is 127 and bits 128..255 are set.
        float[] values = Enumerable.Range(0, 256).Select(k => (float)k).ToArray();

        // When
        var hash = PdqBits.ToHash(values);

        // Then
        hash.ToString().ShouldBe(new string('f', 32) + new string('0', 32));
    }

    [Theory]
    [InlineData(512, 4)]
    [InlineData(1080, 9)]
    [InlineData(1920, 15)]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    [InlineData(5, 1)]
    public void WindowSize_Dimension_IsCeilingOfDimensionOver128(int length, int window) =>
        PdqGeometry.WindowSize(length).ShouldBe(window);

    [Fact]
    public void GatherRgbRow_SampledColumns_CopiesThosePixelsInOrder()
    {
        byte[] row = Enumerable.Range(0, 30).Select(i => (byte)i).ToArray();
        byte[] gathered = new byte[9];

        PdqInput.GatherRgbRow(row, gathered, [0, 4, 9]);

        gathered.ShouldBe(new byte[] { 0, 1, 2, 12, 13, 14, 27, 28, 29 });
    }

    [Fact]
    public void GatherRgbRow_ColumnPastTheRow_Throws()
    {
        byte[] row = new byte[30];
        byte[] gathered = new byte[6];

        Should.Throw<ArgumentOutOfRangeException>(() => PdqInput.GatherRgbRow(row, gathered, [0, 10]));
        Should.Throw<ArgumentOutOfRangeException>(() => PdqInput.GatherRgbRow(row, gathered, [-1, 0]));
    }

    [Fact]
    public void SampleIndex_512_IsEightIPlusFour()
    {
        for (int i = 0; i < 64; i++)
        {
            PdqGeometry.SampleIndex(i, 512).ShouldBe((8 * i) + 4);
        }
    }
}
