using System.ComponentModel.DataAnnotations;

namespace Takedown.Server.Exchange;

/// <summary>Hash exchange settings (configuration section <c>Takedown:Exchange</c>).</summary>
public sealed class ExchangeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Takedown:Exchange";

    /// <summary>This deployment's feed id, carried in every published page; subscribers pin it.</summary>
    /// <value>The default value is <c>takedown</c>.</value>
    public string FeedId { get; set; } = "takedown";

    /// <summary>PEM (PKCS#8) of the ECDSA P-256 key that signs the published feed; the feed is off when neither this nor <see cref="FeedPrivateKeyFile"/> is set.</summary>
    public string? FeedPrivateKeyPem { get; set; }

    /// <summary>File holding the feed's private key PEM.</summary>
    public string? FeedPrivateKeyFile { get; set; }

    /// <summary>Label of published hashes.</summary>
    /// <value>The default value is <c>ncii</c>.</value>
    public string FeedLabel { get; set; } = "ncii";

    /// <summary>How often enabled exchanges are synced in the background.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan SyncPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the background sync runs.</summary>
    /// <value>The default value is true.</value>
    public bool RunSync { get; set; } = true;

    /// <summary>Most pages per sync run.</summary>
    /// <value>The default value is 1,000.</value>
    [Range(1, 1_000_000)]
    public int MaxPagesPerSync { get; set; } = 1_000;

    /// <summary>Time budget of one sync run.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan SyncTimeBudget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest page served by the published feed.</summary>
    /// <value>The default value is 1,000.</value>
    [Range(1, 100_000)]
    public int MaxFeedPageSize { get; set; } = 1_000;

    /// <summary>HTTP timeout of exchange calls.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The feed private key PEM from <see cref="FeedPrivateKeyPem"/> or <see cref="FeedPrivateKeyFile"/>, or null.</summary>
    public string? ResolvePrivateKey() =>
        !string.IsNullOrWhiteSpace(FeedPrivateKeyPem) ? FeedPrivateKeyPem
        : !string.IsNullOrWhiteSpace(FeedPrivateKeyFile) ? File.ReadAllText(FeedPrivateKeyFile)
        : null;
}
