using Microsoft.Data.Sqlite;
using Takedown.Data.Protection;

namespace Takedown.Data.Sql;

/// <summary>SQLite storage: one file (WAL journal, busy timeout, full sync), the default for one node.</summary>
public sealed class SqliteTakedownStore : SqlTakedownStore
{
    /// <summary>Name of the default data key file, beside the database file.</summary>
    public const string KeyFileName = "takedown.key";

    /// <summary>
    /// Opens (or creates) the database file at <paramref name="path"/>; its directory is created if needed. Personal
    /// data is encrypted with the keys in <see cref="KeyFileName"/> beside it (created, 0600, on first use) unless
    /// <see cref="SqlTakedownStore.UseDataKeys"/> is called first.
    /// </summary>
    public SqliteTakedownStore(string path)
        : base(new SqliteDialect(ConnectionString(path)), () => DataKeyRing.LoadOrCreate(DefaultKeyFile(path)))
    {
    }

    /// <summary>Opens (or creates) the database file at <paramref name="path"/>, encrypting personal data with <paramref name="keys"/>.</summary>
    public SqliteTakedownStore(string path, DataKeyRing keys)
        : base(new SqliteDialect(ConnectionString(path)), () => keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
    }

    /// <summary>The default key file of the database at <paramref name="path"/>.</summary>
    public static string DefaultKeyFile(string path) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", KeyFileName);

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
