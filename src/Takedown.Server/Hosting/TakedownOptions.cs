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

    /// <summary>Largest video upload to <c>/check</c> (and video fetched for a removal or sweep), bytes.</summary>
    /// <value>The default value is 256 MiB.</value>
    [Range(1024, int.MaxValue - 64)]
    public int MaxVideoBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Longest video hashed; longer ones are refused with a problem answer.</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan MaxVideoDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most frames decoded from one video (a guard against absurd frame rates).</summary>
    /// <value>The default value is 216,000 (30 minutes at 120 frames/s).</value>
    [Range(1, 10_000_000)]
    public int MaxVideoFrames { get; set; } = 216_000;

    /// <summary>Wall-clock limit for decoding and hashing one video (FFmpeg is killed after it).</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan VideoHashTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Videos decoded at once on this node. Each decode uses one FFmpeg process and one hashing thread, so image
    /// checks keep the other cores. When all slots are taken, <c>/check</c> answers 503 with <c>Retry-After</c>
    /// (removals and sweeps wait for a slot instead).
    /// </summary>
    /// <value>The default value is 1.</value>
    [Range(1, 64)]
    public int MaxConcurrentVideoHashes { get; set; } = 1;

    /// <summary>Seconds the 503 answer asks a client to wait when all video slots are busy.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, 3600)]
    public int VideoBusyRetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Block a video when at least this share (percent) of the upload's distinct good-quality frames are within PDQ
    /// distance 31 of a banked video's frames (python-threatexchange's query-match rule, what HMA runs)…
    /// </summary>
    /// <value>The default value is 80.</value>
    [Range(0, 100)]
    public double VideoBlockQueryPercent { get; set; } = 80;

    /// <summary>…and at least this share of the banked video's frames are matched by the upload.</summary>
    /// <value>The default value is 0 (a short clip cut from a banked video blocks).</value>
    [Range(0, 100)]
    public double VideoBlockComparedPercent { get; set; }

    /// <summary>Short of blocking, review a video when at least this share of the upload's frames match…</summary>
    /// <value>The default value is 40.</value>
    [Range(0, 100)]
    public double VideoReviewQueryPercent { get; set; } = 40;

    /// <summary>…or when at least this share of a banked video's frames appear in the upload (a compilation holding it).</summary>
    /// <value>The default value is 80.</value>
    [Range(0, 100)]
    public double VideoReviewComparedPercent { get; set; } = 80;

    /// <summary>How often background jobs run.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan JobPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each node pulls bank changes into its in-memory index.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan IndexSyncPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the background jobs run (tests drive them by hand).</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>Compliance settings: abuse thresholds, retention, the MIN-1 pointer (section <c>Takedown:Compliance</c>).</summary>
    public Workflow.ComplianceOptions Compliance { get; } = new();
}
