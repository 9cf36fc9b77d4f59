using Takedown.Data;
using Takedown.Data.Protection;
using Takedown.Data.Sql;

namespace Takedown.Server.Auth;

/// <summary>
/// Chooses the data keys that encrypt requesters' personal data at rest: <c>Takedown:DataKey</c> (base64 keys,
/// current first) or <c>Takedown:DataKeyFile</c> when configured (the same on every node); otherwise SQLite uses
/// <c>takedown.key</c> beside its database and PostgreSQL uses <c>takedown.key</c> in the data directory (both created
/// with mode 0600 on first start).
/// </summary>
public static class DataKeySetup
{
    /// <summary>Configuration key of the base64 data keys.</summary>
    public const string KeysSetting = "Takedown:DataKey";

    /// <summary>Configuration key of the data key file path.</summary>
    public const string KeyFileSetting = "Takedown:DataKeyFile";

    /// <summary>Gives <paramref name="store"/> its data keys and returns it.</summary>
    /// <exception cref="DataKeyException">A configured key is invalid, or PostgreSQL has neither keys nor a data directory.</exception>
    public static ITakedownStore Apply(ITakedownStore store, IConfiguration configuration, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(configuration);
        if (store is not SqlTakedownStore sql)
        {
            return store;
        }

        if (DataKeyRing.FromSettings(configuration[KeysSetting], configuration[KeyFileSetting]) is { } configured)
        {
            sql.UseDataKeys(configured);
        }
        else if (sql is PostgresTakedownStore && sql.DataKeys is null)
        {
            if (dataDirectory is null)
            {
                throw new DataKeyException($"PostgreSQL storage needs a data key: set {KeysSetting} or {KeyFileSetting} (the same on every node).");
            }

            sql.UseDataKeys(DataKeyRing.LoadOrCreate(Path.Combine(dataDirectory, SqliteTakedownStore.KeyFileName)));
        }

        return store;
    }
}
