namespace Takedown.Data.Sql;

/// <summary>PostgreSQL storage for several stateless nodes sharing one database.</summary>
public sealed class PostgresTakedownStore : SqlTakedownStore
{
    /// <summary>Connects with an Npgsql connection string (use <c>Search Path</c> to pick a schema).</summary>
    public PostgresTakedownStore(string connectionString)
        : base(new PostgresDialect(connectionString))
    {
    }
}
