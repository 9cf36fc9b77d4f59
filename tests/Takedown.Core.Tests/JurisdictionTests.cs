using Microsoft.Extensions.Time.Testing;
using Takedown.Core;
using Takedown.Core.Jurisdictions;

namespace Takedown.Core.Tests;

public sealed class JurisdictionTests
{
    [Theory]
    [InlineData("US", 48)]
    [InlineData("uk", 48)]
    [InlineData("AU", 24)]
    [InlineData(null, 48)]
    public void Resolve_BuiltIn_HasStatutoryDeadline(string? code, int hours)
    {
        new JurisdictionCatalog().Resolve(code).Deadline.ShouldBe(TimeSpan.FromHours(hours));
    }

    [Fact]
    public void Resolve_CustomJurisdiction_OverridesAndAdds()
    {
        var catalog = new JurisdictionCatalog([new("IN", "India", TimeSpan.FromHours(2)), new("US", "US strict", TimeSpan.FromHours(24))]);

        catalog.Resolve("IN").Deadline.ShouldBe(TimeSpan.FromHours(2));
        catalog.Resolve("US").Deadline.ShouldBe(TimeSpan.FromHours(24));
    }

    [Fact]
    public void Resolve_Unknown_ThrowsValidation()
    {
        Should.Throw<DomainValidationException>(() => new JurisdictionCatalog().Resolve("XX"));
    }

    [Fact]
    public void Constructor_NonPositiveDeadline_Throws()
    {
        Should.Throw<ArgumentException>(() => new JurisdictionCatalog([new("ZZ", "Zero", TimeSpan.Zero)]));
    }

    [Fact]
    public void WarningLevel_AdvancingFakeTime_CrossesEachFraction()
    {
        // Given
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 19, 12, 0, 0, TimeSpan.Zero));
        DateTimeOffset received = time.GetUtcNow();
        DateTimeOffset due = DeadlineClock.DueAt(received, new JurisdictionCatalog().Resolve("US"));
        double[] fractions = [0.5, 0.8, 0.95];

        // When / Then
        due.ShouldBe(received.AddHours(48));
        DeadlineClock.WarningLevel(received, due, time.GetUtcNow(), fractions).ShouldBe(0);
        time.Advance(TimeSpan.FromHours(24));
        DeadlineClock.WarningLevel(received, due, time.GetUtcNow(), fractions).ShouldBe(1);
        time.Advance(TimeSpan.FromHours(14.5));
        DeadlineClock.WarningLevel(received, due, time.GetUtcNow(), fractions).ShouldBe(2);
        time.Advance(TimeSpan.FromHours(8));
        DeadlineClock.WarningLevel(received, due, time.GetUtcNow(), fractions).ShouldBe(3);
        time.Advance(TimeSpan.FromHours(3));
        DeadlineClock.FractionElapsed(received, due, time.GetUtcNow()).ShouldBeGreaterThan(1);
    }
}
