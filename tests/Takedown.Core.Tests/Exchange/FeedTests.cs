using System.Text;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Feed;
using Takedown.Core.Media;

namespace Takedown.Core.Tests.Exchange;

public sealed class FeedTests
{
    private const string Pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    private static FeedPage Page(long after, long next, params FeedEntry[] entries) => new()
    {
        Format = FeedPage.CurrentFormat,
        Feed = "alpha",
        After = after,
        Next = next,
        HasMore = false,
        IssuedAt = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
        Entries = [.. entries],
    };

    [Fact]
    public void SignThenVerify_SameBody_Succeeds()
    {
        (string privateKey, string publicKey) = FeedSignature.CreateKeyPair();
        byte[] body = FeedSerializer.Serialize(Page(0, 1, new FeedEntry { Sequence = 1, Id = "e1", Type = "pdq", Value = Pdq }));

        string signature = FeedSignature.Sign(body, privateKey);

        Should.NotThrow(() => FeedSignature.Verify(body, signature, publicKey));
        FeedSignature.PublicKeyOf(privateKey).ShouldBe(publicKey);
    }

    [Fact]
    public void Verify_AlteredBodyOrOtherKeyOrMissingHeader_IsRejected()
    {
        (string privateKey, string publicKey) = FeedSignature.CreateKeyPair();
        (_, string otherPublicKey) = FeedSignature.CreateKeyPair();
        byte[] body = FeedSerializer.Serialize(Page(0, 1, new FeedEntry { Sequence = 1, Id = "e1", Type = "pdq", Value = Pdq }));
        string signature = FeedSignature.Sign(body, privateKey);
        byte[] altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"deleted\":false", "\"deleted\":true", StringComparison.Ordinal));

        Should.Throw<ExchangeFormatException>(() => FeedSignature.Verify(altered, signature, publicKey)).Message.ShouldStartWith("bad feed signature");
        Should.Throw<ExchangeFormatException>(() => FeedSignature.Verify(body, signature, otherPublicKey)).Message.ShouldStartWith("bad feed signature");
        Should.Throw<ExchangeFormatException>(() => FeedSignature.Verify(body, null, publicKey)).Message.ShouldContain("not signed");
        Should.Throw<ExchangeFormatException>(() => FeedSignature.Verify(body, "hmac=abc", publicKey)).Message.ShouldContain("unsupported");
    }

    [Fact]
    public void Read_ValidPage_ReturnsRecordsInOrder()
    {
        byte[] body = FeedSerializer.Serialize(Page(4, 9,
            new FeedEntry { Sequence = 5, Id = "e1", Type = "pdq", Value = Pdq, Label = "ncii" },
            new FeedEntry { Sequence = 9, Id = "e1", Type = "pdq", Value = Pdq, Deleted = true }));

        IReadOnlyList<ExchangeRecord> records = FeedSerializer.Read(body, "alpha", 4, out FeedPage page);

        page.Next.ShouldBe(9);
        records.ShouldBe([new ExchangeRecord("e1", HashKind.Pdq, Pdq, "ncii", false), new ExchangeRecord("e1", HashKind.Pdq, Pdq, null, true)]);
    }

    [Fact]
    public void Read_ReplayedPageForAnotherCursor_IsRejected()
    {
        byte[] old = FeedSerializer.Serialize(Page(0, 5, new FeedEntry { Sequence = 5, Id = "e1", Type = "pdq", Value = Pdq }));

        Should.Throw<ExchangeFormatException>(() => FeedSerializer.Read(old, "alpha", 5, out _)).Message.ShouldStartWith("replayed or misdirected page");
    }

    [Theory]
    [InlineData("{\"format\":\"takedown-feed/1\",\"feed\":\"alpha\",\"after\":0,\"next\":1,\"entries\":[{\"seq\":1,\"id\":\"e\",\"type\":\"pdq\",\"value\":\"abcd\"}]}", "entry 1: a pdq hash has 64 hexadecimal digits, this one has 4")]
    [InlineData("{\"format\":\"takedown-feed/1\",\"feed\":\"beta\",\"after\":0,\"next\":0,\"entries\":[]}", "the page belongs to feed 'beta', not the subscribed feed 'alpha'")]
    [InlineData("{\"format\":\"takedown-feed/1\",\"feed\":\"alpha\",\"after\":0,\"next\":3,\"entries\":[{\"seq\":2,\"id\":\"a\",\"type\":\"md5\",\"value\":\"d41d8cd98f00b204e9800998ecf8427e\"},{\"seq\":2,\"id\":\"b\",\"type\":\"md5\",\"value\":\"d41d8cd98f00b204e9800998ecf8427e\"}]}", "entry sequence 2 is out of order or outside (0, 3]")]
    [InlineData("{\"format\":\"other\",\"feed\":\"alpha\",\"after\":0,\"next\":0,\"entries\":[]}", "unknown feed format 'other'; expected takedown-feed/1")]
    [InlineData("{\"format\":\"takedown-feed/1\",\"feed\":\"alpha\",\"after\":0,\"next\":0}", "the feed page has no entries array")]
    [InlineData("not json", "the feed page is not valid JSON")]
    public void Read_HostilePage_IsRejectedWithClearError(string json, string message)
    {
        Should.Throw<ExchangeFormatException>(() => FeedSerializer.Read(Encoding.UTF8.GetBytes(json), "alpha", 0, out _)).Message.ShouldStartWith(message);
    }
}
