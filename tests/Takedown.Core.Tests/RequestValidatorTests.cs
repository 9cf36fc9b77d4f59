using Takedown.Core;
using Takedown.Core.Requests;

namespace Takedown.Core.Tests;

public sealed class RequestValidatorTests
{
    private static readonly RemovalRequest s_complete = new()
    {
        SignatureName = "Alex Example",
        SignatureAttested = true,
        Locations = ["https://example.test/p/123"],
        GoodFaithStatement = "I did not consent to this being published.",
        GoodFaithAttested = true,
        ContactEmail = "alex@example.org",
    };

    [Fact]
    public void FindMissing_CompleteRequest_ReturnsEmpty()
    {
        RequestValidator.FindMissing(s_complete).ShouldBeEmpty();
    }

    [Fact]
    public void FindMissing_EmptyRequest_ReportsAllFourElements()
    {
        // When
        IReadOnlyList<MissingElement> missing = RequestValidator.FindMissing(new RemovalRequest());

        // Then
        missing.Select(m => m.Element).ShouldBe(
            [StatutoryElement.Signature, StatutoryElement.ContentLocation, StatutoryElement.GoodFaithStatement, StatutoryElement.Contact]);
        missing.ShouldAllBe(m => m.Message.Length > 10);
    }

    [Fact]
    public void FindMissing_SignatureNotAttested_ReportsOnlyAttestation()
    {
        IReadOnlyList<MissingElement> missing = RequestValidator.FindMissing(s_complete with { SignatureAttested = false });

        missing.ShouldHaveSingleItem().Field.ShouldBe("signatureAttested");
    }

    [Fact]
    public void FindMissing_BlankLocations_ReportsLocation()
    {
        IReadOnlyList<MissingElement> missing = RequestValidator.FindMissing(s_complete with { Locations = ["  ", ""] });

        missing.ShouldHaveSingleItem().Element.ShouldBe(StatutoryElement.ContentLocation);
    }

    [Fact]
    public void FindMissing_AttestationWithoutText_IsEnoughForGoodFaith()
    {
        RequestValidator.FindMissing(s_complete with { GoodFaithStatement = null }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not-an-email", null, true)]
    [InlineData(null, null, true)]
    [InlineData(null, "+44 20 7946 0000", false)]
    [InlineData("a@b.example", null, false)]
    public void FindMissing_Contact_ReportsWhenUnusable(string? email, string? other, bool reported)
    {
        IReadOnlyList<MissingElement> missing = RequestValidator.FindMissing(s_complete with { ContactEmail = email, ContactOther = other });

        missing.Any(m => m.Element == StatutoryElement.Contact).ShouldBe(reported);
    }

    [Fact]
    public void FindMissing_NoExtras_NeverRequiresNonStatutoryFields()
    {
        // Given a request with the four elements and none of the optional extras (role, AI flag, description).
        RemovalRequest minimal = s_complete with { RequesterRole = null, AiGenerated = null, Description = null, Jurisdiction = null };

        RequestValidator.FindMissing(minimal).ShouldBeEmpty();
    }

    [Fact]
    public void EnsureStorable_TooManyLocations_Throws()
    {
        RemovalRequest request = s_complete with { Locations = Enumerable.Range(0, 101).Select(i => $"id{i}").ToArray() };

        Should.Throw<DomainValidationException>(() => RequestValidator.EnsureStorable(request));
    }

    [Fact]
    public void EnsureStorable_UnknownRole_Throws()
    {
        Should.Throw<DomainValidationException>(() => RequestValidator.EnsureStorable(s_complete with { RequesterRole = "boss" }));
        Should.NotThrow(() => RequestValidator.EnsureStorable(s_complete with { RequesterRole = "authorised_agent" }));
    }
}
