using System.ComponentModel.DataAnnotations;

namespace Takedown.Server.Workflow;

/// <summary>Settings of the compliance checklist items (configuration section <c>Takedown:Compliance</c>).</summary>
public sealed class ComplianceOptions
{
    /// <summary>Where the requester's status page points families when a case appears to involve a minor (MIN-1).</summary>
    /// <value>The default value is NCMEC's Take It Down service.</value>
    public string TakeItDownUrl { get; set; } = "https://takeitdown.ncmec.org/";

    /// <summary>Manifestly unfounded notices from one contact before the DSA Art 23 warning.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 1000)]
    public int UnfoundedWarnAfter { get; set; } = 2;

    /// <summary>Manifestly unfounded notices from one contact (after the warning) that suspend intake from it.</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 1000)]
    public int UnfoundedSuspendAfter { get; set; } = 3;

    /// <summary>How long an intake suspension lasts (DSA Art 23: "for a reasonable period").</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan SuspensionPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long after a case closes the requester's personal data (name, contact, statement, description) is kept
    /// before the retention job purges it (PRV-1).
    /// </summary>
    /// <value>The default value is 363 days: the 6-month (183-day) appeal window plus 180 days.</value>
    public TimeSpan RetainPersonalDataFor { get; set; } = TimeSpan.FromDays(183 + 180);

    /// <summary>Whether a granted withdrawal purges the requester's personal data at once (PRV-1).</summary>
    /// <value>The default value is true.</value>
    public bool PurgeOnWithdrawal { get; set; } = true;

    /// <summary>
    /// Fraction of the deadline at which on-call staff are paged (CLK-2), next to the warning fractions
    /// (<see cref="Hosting.TakedownOptions.WarningFractions"/>): an outbox event on topic <c>notify.oncall</c>, once per case.
    /// </summary>
    /// <value>The default value is 0.9 (90%).</value>
    [Range(0.01, 1.0)]
    public double PageOnCallFraction { get; set; } = 0.9;

    /// <summary>How often the retention job looks for cases to purge.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromHours(1);
}
