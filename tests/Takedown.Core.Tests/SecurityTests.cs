using Takedown.Core.Cases;
using Takedown.Core.Security;

namespace Takedown.Core.Tests;

public sealed class SecurityTests
{
    [Fact]
    public void SecretToken_Verify_AcceptsOnlyTheIssuedToken()
    {
        string token = SecretToken.Create();
        byte[] stored = SecretToken.Hash(token);

        SecretToken.Verify(token, stored).ShouldBeTrue();
        SecretToken.Verify(token + "x", stored).ShouldBeFalse();
        SecretToken.Verify(null, stored).ShouldBeFalse();
        SecretToken.Create().ShouldNotBe(token);
        token.Length.ShouldBe(43);
    }

    [Fact]
    public void CaseNumber_Create_IsWellFormedAndRandom()
    {
        var numbers = Enumerable.Range(0, 200).Select(_ => CaseNumber.Create()).ToList();

        numbers.ShouldAllBe(n => CaseNumber.IsWellFormed(n));
        numbers.Distinct().Count().ShouldBe(200);
        CaseNumber.IsWellFormed("TD-AAAA-AAAI").ShouldBeFalse();
        CaseNumber.IsWellFormed("../etc/passwd").ShouldBeFalse();
    }

    [Fact]
    public void StatementOfReasons_ForRemoval_NeverCarriesRequesterData()
    {
        StatementOfReasons s = StatementOfReasons.ForRemoval("TD-AAAA-BBBB", "img-1", provisional: false, automatedExactMatch: false, "United States");

        string all = string.Join('|', s.CaseNumber, s.ContentId, s.Action, s.TerritorialScope, s.Duration, s.Facts, s.AutomatedMeans, s.Ground, s.Redress);
        all.ShouldNotContain("@");
        s.Action.ShouldBe("removed");
        s.Redress.ShouldContain("appeal");
    }
}
