using Takedown.Hashing.Pdq;
using Takedown.Matching.Banks;

namespace Takedown.Matching.Tests.Banks;

public sealed class HashListReaderFieldTests
{
    private const string H1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    [Theory]
    [InlineData(H1)]
    [InlineData("F8F8F0CEE0F4A84F06370A22038F63F0B36E2ED596621E1D33E6B39C4E9C9B22")]
    public void TryParsePdqField_HexHash_ParsesIt(string field)
    {
        HashListReader.TryParsePdqField(field, out PdqHash hash, out string? reason).ShouldBeTrue();

        hash.ShouldBe(PdqHash.Parse(H1));
        reason.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "expected a 64-digit hex PDQ hash first, found nothing")]
    [InlineData("abc", "expected a 64-digit hex PDQ hash first, found 'abc' (3 characters)")]
    [InlineData(H1 + "0", "expected a 64-digit hex PDQ hash first, found 'f8f8f0cee0f4a84f06370a22…' (65 characters)")]
    [InlineData("g8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22", "the hash has a character that is not a hex digit")]
    public void TryParsePdqField_NotAHash_GivesTheReason(string field, string expected)
    {
        HashListReader.TryParsePdqField(field, out _, out string? reason).ShouldBeFalse();

        reason.ShouldBe(expected);
    }

    [Fact]
    public void TryParseLine_HashField_SameReasonAsTryParsePdqField()
    {
        HashListReader.TryParsePdqField("abc", out _, out string? fieldReason).ShouldBeFalse();

        HashListReader.TryParseLine("abc,label", 7, out _, out string? lineReason).ShouldBeFalse();

        lineReason.ShouldBe(fieldReason);
    }
}
