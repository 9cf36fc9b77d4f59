using Takedown.Core.Media;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Exchange;

public sealed class SignalCodecTests
{
    private static readonly string s_pdq = string.Concat(Enumerable.Range(0, 32).Select(i => (i * 7).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("pdq", 33)]
    [InlineData("sha256", 33)]
    public void EncodeKey_CanonicalHashKey_TagAndRawBytesAndBack(string kind, int length)
    {
        byte[] key = SignalCodec.EncodeKey(kind + ":" + s_pdq);

        key.Length.ShouldBe(length);
        key[0].ShouldBe(kind == "pdq" ? SignalCodec.PdqTag : SignalCodec.Sha256Tag);
        SignalCodec.DecodeKey(key).ShouldBe(kind + ":" + s_pdq);
    }

    [Theory]
    [InlineData("stopncii:42")]
    [InlineData("")]
    [InlineData("pdq:ABCDEF")]
    [InlineData("md5:0123456789abcdef0123456789ABCDEF")]
    [InlineData("vpdq:0,100,abc,0.000")]
    [InlineData("clé:\U0001F600")]
    public void EncodeKey_AnyOtherKey_TextTagAndExactRoundTrip(string key)
    {
        byte[] encoded = SignalCodec.EncodeKey(key);

        encoded[0].ShouldBe(SignalCodec.TextTag);
        SignalCodec.DecodeKey(encoded).ShouldBe(key);
    }

    [Fact]
    public void HashOf_CanonicalValues_RawBytesThatReadBackTheSame()
    {
        string md5 = s_pdq[..32];

        SignalCodec.HashOf(HashKind.Pdq, s_pdq)!.Length.ShouldBe(32);
        SignalCodec.HashOf(HashKind.Md5, md5)!.Length.ShouldBe(16);
        SignalCodec.Value(null, SignalCodec.HashOf(HashKind.Pdq, s_pdq)).ShouldBe(s_pdq);
        SignalCodec.Value(null, SignalCodec.HashOf(HashKind.Md5, md5)).ShouldBe(md5);
    }

    [Fact]
    public void HashOf_NonCanonicalOrOtherKinds_KeptAsText()
    {
        SignalCodec.HashOf(HashKind.Pdq, s_pdq.ToUpperInvariant()).ShouldBeNull();
        SignalCodec.HashOf(HashKind.Pdq, s_pdq[..62]).ShouldBeNull();
        SignalCodec.HashOf(HashKind.Md5, s_pdq).ShouldBeNull();
        SignalCodec.HashOf(HashKind.Vpdq, s_pdq).ShouldBeNull();
        SignalCodec.Value("kept", null).ShouldBe("kept");
    }

    [Fact]
    public void DecodeKey_UnknownTagOrEmpty_Throws()
    {
        Should.Throw<FormatException>(() => SignalCodec.DecodeKey([9, 1, 2]));
        Should.Throw<FormatException>(() => SignalCodec.DecodeKey([]));
    }
}
