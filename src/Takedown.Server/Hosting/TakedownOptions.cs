using System.ComponentModel.DataAnnotations;

namespace Takedown.Server.Hosting;

/// <summary>Service settings (configuration section <c>Takedown</c>).</summary>
public sealed class TakedownOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Takedown";

    /// <summary>PDQ distance at or below which an upload is blocked outright.</summary>
    /// <value>The default value is 10: re-encodes, resizes and small crops of a confirmed image land well inside it,
    /// while unrelated images sit near 128.</value>
    [Range(0, 63)]
    public int BlockDistance { get; set; } = 10;

    /// <summary>PDQ distance at or below which an upload (or a found copy) goes to human review.</summary>
    /// <value>The default value is 31 (Meta's PDQ confident-match threshold).</value>
    [Range(0, 63)]
    public int ReviewDistance { get; set; } = 31;

    /// <summary>PDQ hashes with lower quality are not banked (unreliable).</summary>
    /// <value>The default value is 50.</value>
    [Range(0, 100)]
    public int MinPdqQuality { get; set; } = 50;

    /// <summary>Fractions of the deadline at which warnings fire, ascending.</summary>
    public IList<double> WarningFractions { get; } = [0.5, 0.8, 0.95];

    /// <summary>Default jurisdiction code for requests that name none.</summary>
    public string DefaultJurisdiction { get; set; } = "US";

    /// <summary>Public intake: requests per client address per minute (requests, status, login).</summary>
    /// <value>The default value is 30.</value>
    [Range(1, 1_000_000)]
    public int PublicPermitsPerMinute { get; set; } = 30;

    /// <summary>Largest JSON body on public endpoints, bytes.</summary>
    /// <value>The default value is 64 KiB.</value>
    [Range(1024, 10_000_000)]
    public int MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest media upload to <c>/check</c>, bytes.</summary>
    /// <value>The default value is 32 MiB.</value>
    [Range(1024, 1_000_000_000)]
    public int MaxMediaBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>How often background jobs run.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan JobPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each node pulls bank changes into its in-memory index.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan IndexSyncPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the background jobs run (tests drive them by hand).</summary>
    public bool RunJobs { get; set; } = true;
}
