using Takedown.Hashing.Pdq;
using Takedown.Matching.Banks;
using Takedown.Matching.Exact;
using Takedown.Matching.Tests.Support;

namespace Takedown.Matching.Tests.Banks;

public sealed class BankMatcherTests
{
    [Fact]
    public void Match_PerBankThresholds_AppliesEachBanksOwn()
    {
        // Given: the same hash in two banks, one strict (10) and one at the default (31).
        var random = new Random(1);
        PdqHash original = TestHashes.Random(random);
        var strict = new HashBank("strict", 10);
        var loose = new HashBank("loose");
        var empty = new HashBank("empty");
        strict.Add(original, "s1");
        loose.Add(TestHashes.Random(random), "noise");
        loose.Add(original, "l1");
        using var matcher = new BankMatcher([empty, strict, empty, loose]);
        PdqHash query = TestHashes.Flip(original, 20, random);

        // When
        List<BankMatch> byBank = matcher.Match([query]);
        List<BankMatch> overridden = matcher.Match([query], threshold: 25);

        // Then
        byBank.ShouldBe([new BankMatch("loose", "l1", 20, 0)]);
        overridden.OrderBy(m => m.Bank).ShouldBe([new BankMatch("loose", "l1", 20, 0), new BankMatch("strict", "s1", 20, 0)]);
    }

    [Fact]
    public void Match_DihedralQueries_ReportsTheVariantThatMatched()
    {
        var random = new Random(2);
        PdqHash stored = TestHashes.Random(random);
        var bank = new HashBank("ncii");
        bank.Add(stored, "case-9");
        using var matcher = new BankMatcher([bank]);
        var queries = new PdqHash[8];
        for (int k = 0; k < 8; k++)
        {
            queries[k] = k == (int)Dihedral.FlipX ? TestHashes.Flip(stored, 3, random) : TestHashes.Random(random);
        }

        BankMatch match = matcher.Match(queries).ShouldHaveSingleItem();

        match.ShouldBe(new BankMatch("ncii", "case-9", 3, (int)Dihedral.FlipX));
    }

    [Fact]
    public void MatchExact_KnownDigest_ReturnsEveryBankEntry()
    {
        ExactHash md5 = ExactHash.Parse(ExactHashAlgorithm.Md5, "D41D8CD98F00B204E9800998ECF8427E");
        var a = new HashBank("a");
        var b = new HashBank("b");
        a.AddExact(md5, "a1");
        b.AddExact(ExactHash.Parse(ExactHashAlgorithm.Sha256, new string('0', 64)), "b0");
        b.AddExact(md5, "b1");
        using var matcher = new BankMatcher([a, b]);

        matcher.MatchExact(md5).ShouldBe([new BankMatch("a", "a1", 0, 0), new BankMatch("b", "b1", 0, 0)]);
        matcher.MatchExact(ExactHash.Parse(ExactHashAlgorithm.Md5, new string('0', 32))).ShouldBeEmpty();
    }
}
