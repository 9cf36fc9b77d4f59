using Takedown.Core.Jurisdictions;
using Takedown.Core.Media;
using Takedown.Core.Platform;
using Takedown.Data;

namespace Takedown.Server.Hosting;

/// <summary>What a host passes to <see cref="TakedownServer"/>: where to listen, storage, platform and clock.</summary>
public sealed class TakedownServerSettings
{
    /// <summary>Listen URLs, e.g. <c>http://127.0.0.1:5080</c> or <c>http://127.0.0.1:0</c> for a free port.</summary>
    public IList<string> Urls { get; } = ["http://127.0.0.1:5080"];

    /// <summary>
    /// The data directory: Data Protection keys (<c>data-protection-keys/</c>) and, for PostgreSQL without a configured
    /// data key, the key file live here. Null keeps Data Protection's default key location.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Creates the store (SQLite file or PostgreSQL).</summary>
    public required Func<ITakedownStore> Store { get; init; }

    /// <summary>The platform connector.</summary>
    public required IPlatformConnector Connector { get; init; }

    /// <summary>Where notifications go (the platform's webhook, or a file for the demo).</summary>
    public required Workflow.INotifier Notifier { get; init; }

    /// <summary>The media hasher; the real PDQ/MD5/SHA-256 hasher when null.</summary>
    public IMediaHasher? Hasher { get; init; }

    /// <summary>The clock; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Extra or overriding jurisdictions.</summary>
    public IList<Jurisdiction> Jurisdictions { get; } = [];

    /// <summary>Changes to the options after configuration binding.</summary>
    public Action<TakedownOptions>? Configure { get; init; }

    /// <summary>Extra logging providers (tests capture log output).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>
    /// An account created (with an audit event) before the service starts listening when the store has no user yet,
    /// so the first login works as soon as the port answers. <see cref="TakedownServer.CreatedInitialUser"/> tells
    /// whether it was created.
    /// </summary>
    public InitialUser? InitialUser { get; init; }

    /// <summary>Command-line style configuration overrides (<c>--Takedown:BlockDistance=8</c>).</summary>
    public IList<string> Args { get; } = [];
}
