using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Core.Jurisdictions;
using Takedown.Core.Requests;

namespace Takedown.Core.Tests;

public sealed class ComplianceRulesTests
{
    [Fact]
    public void EnsureSupports_RemovalWithThreeGroundsAndNoException_Passes()
    {
        var checklist = new ReviewChecklist { DepictedOrAuthorised = true, Intimate = true, NonConsent = true, MinorIndicators = true };

        Should.NotThrow(() => checklist.EnsureSupports(DecisionKind.Remove));
        Should.NotThrow(() => checklist.EnsureSupports(DecisionKind.ProvisionallyRemove));
    }

    [Theory]
    [InlineData(false, true, true, false, false)]
    [InlineData(true, false, true, false, false)]
    [InlineData(true, true, false, false, false)]
    [InlineData(true, true, true, true, false)]
    [InlineData(true, true, true, false, true)]
    public void EnsureSupports_RemovalMissingGroundOrWithException_NeedsOverride(bool depicted, bool intimate, bool nonConsent, bool publicConcern, bool commercial)
    {
        var checklist = new ReviewChecklist
        {
            DepictedOrAuthorised = depicted, Intimate = intimate, NonConsent = nonConsent, PublicConcern = publicConcern, CommercialSelfPublication = commercial,
        };

        Should.Throw<DomainValidationException>(() => checklist.EnsureSupports(DecisionKind.Remove));
        Should.NotThrow(() => (checklist with { OverrideReason = "documented reason" }).EnsureSupports(DecisionKind.Remove));
        Should.Throw<DomainValidationException>(() => (checklist with { OverrideReason = "   " }).EnsureSupports(DecisionKind.Remove));
        Should.NotThrow(() => checklist.EnsureSupports(DecisionKind.Reject));
    }

    [Fact]
    public void EnsureSupports_ManifestlyUnfoundedOnRemoval_Refused()
    {
        var checklist = new ReviewChecklist { DepictedOrAuthorised = true, Intimate = true, NonConsent = true, ManifestlyUnfounded = true };

        Should.Throw<DomainValidationException>(() => checklist.EnsureSupports(DecisionKind.Remove));
        Should.NotThrow(() => (checklist with { DepictedOrAuthorised = false }).EnsureSupports(DecisionKind.Reject));
        Should.Throw<DomainValidationException>(() => new ReviewChecklist { OverrideReason = new string('x', 4001) }.EnsureSupports(DecisionKind.Reject));
    }

    [Theory]
    [InlineData(" Robin@Example.ORG ", null, "email:robin@example.org")]
    [InlineData(null, "  +44 20   7946\t0000 ", "other:+44 20 7946 0000")]
    [InlineData("", "PO Box 1", "other:po box 1")]
    [InlineData(null, "   ", null)]
    public void Normalise_Contacts_CaseAndSpaceInsensitive(string? email, string? other, string? expected) =>
        RequesterContact.Normalise(email, other).ShouldBe(expected);

    [Fact]
    public void Channels_WireNamesAndPriorities()
    {
        IntakeChannels.TryParse("regulator", out IntakeChannel regulator).ShouldBeTrue();
        regulator.Priority().ShouldBeGreaterThan(IntakeChannel.TrustedFlagger.Priority());
        IntakeChannel.TrustedFlagger.Priority().ShouldBeGreaterThan(IntakeChannel.Public.Priority());
        IntakeChannels.TryParse("nonsense", out _).ShouldBeFalse();
        IntakeChannel.TrustedFlagger.ToWire().ShouldBe("trusted_flagger");
    }

    [Fact]
    public void Catalog_India_TwoHours_AndContentNotVisibleHasAWireName()
    {
        new JurisdictionCatalog().Resolve("IN").Deadline.ShouldBe(TimeSpan.FromHours(2));
        WireNames.TryParseDecisionKind("content_not_visible", out DecisionKind kind).ShouldBeTrue();
        kind.ShouldBe(DecisionKind.ContentNotVisible);
    }
}
