using Takedown.Data.Protection;

namespace Takedown.Data.Sql;

/// <summary>PostgreSQL storage for several stateless nodes sharing one database.</summary>
public sealed class PostgresTakedownStore : SqlTakedownStore
{
    /// <summary>
    /// Connects with an Npgsql connection string (use <c>Search Path</c> to pick a schema). Data keys come from the
    /// environment (<see cref="DataKeyRing.KeysVariable"/> or <see cref="DataKeyRing.KeyFileVariable"/>, the same on
    /// every node) or <see cref="SqlTakedownStore.UseDataKeys"/>; without any, requesters' personal data can be neither
    /// written nor read.
    /// </summary>
    public PostgresTakedownStore(string connectionString)
        : base(new PostgresDialect(connectionString), DataKeyRing.FromEnvironment)
    {
    }

    /// <summary>Connects with an Npgsql connection string, encrypting personal data with <paramref name="keys"/>.</summary>
    public PostgresTakedownStore(string connectionString, DataKeyRing keys)
        : base(new PostgresDialect(connectionString), () => keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
    }
}
