using Microsoft.Extensions.Logging;
using Takedown.Core.Platform;
using Takedown.Data.Sql;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Cli.Service;

/// <summary>A resolved storage and platform: builds the <see cref="TakedownServerSettings"/> of the service.</summary>
internal sealed class ServiceConnection(string dataDirectory, string? postgres, IPlatformConnector connector, INotifier notifier, string platformDescription, HttpClient? http)
    : IDisposable
{
    /// <summary>The data directory (absolute).</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>Which platform, in words.</summary>
    public string PlatformDescription => platformDescription;

    /// <summary>Which storage, in words.</summary>
    public string StorageDescription => postgres is null ? $"SQLite {SqlitePath}" : "PostgreSQL";

    private string SqlitePath => Path.Combine(dataDirectory, "takedown.db");

    /// <summary>The service settings for this storage and platform.</summary>
    public TakedownServerSettings CreateSettings(InitialUser? initialUser = null, Action<TakedownOptions>? configure = null, Action<ILoggingBuilder>? logging = null) => new()
    {
        Store = () => postgres is null ? new SqliteTakedownStore(SqlitePath) : new PostgresTakedownStore(postgres),
        DataDirectory = dataDirectory,
        Connector = connector,
        Notifier = notifier,
        InitialUser = initialUser,
        Configure = configure,
        Logging = logging,
    };

    /// <inheritdoc/>
    public void Dispose() => http?.Dispose();
}
