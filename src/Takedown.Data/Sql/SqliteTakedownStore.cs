using Microsoft.Data.Sqlite;

namespace Takedown.Data.Sql;

/// <summary>SQLite storage: one file (WAL journal, busy timeout, full sync), the default for one node.</summary>
public sealed class SqliteTakedownStore : SqlTakedownStore
{
    /// <summary>Opens (or creates) the database file at <paramref name="path"/>; its directory is created if needed.</summary>
    public SqliteTakedownStore(string path)
        : base(new SqliteDialect(ConnectionString(path)))
    {
    }

    private static string ConnectionString(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
