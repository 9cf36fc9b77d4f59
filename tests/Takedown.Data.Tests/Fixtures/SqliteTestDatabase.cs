using System.Data.Common;
using Microsoft.Data.Sqlite;
using Takedown.Data.Protection;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Fixtures;

/// <summary>A SQLite database file in a temporary directory of its own, deleted with the directory afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    /// <summary>The directory holding the database file (and, with default keys, its key file).</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "takedown-data-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(Directory, "takedown.db");

    /// <inheritdoc/>
    public override Task CreateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A store with the default key file beside the database (created on first use).</summary>
    public override SqlTakedownStore CreateStore() => new SqliteTakedownStore(DatabasePath);

    /// <inheritdoc/>
    public override SqlTakedownStore CreateStore(DataKeyRing keys) => new SqliteTakedownStore(DatabasePath, keys);

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    protected override DbConnection CreateSideConnection() => new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
}
