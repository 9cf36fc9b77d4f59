using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Takedown.Data.Sql;

/// <summary>SQLite: WAL journal, a busy timeout, full sync, foreign keys, <c>BEGIN IMMEDIATE</c> for writers.</summary>
internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    public override string Name => "sqlite";

    public override string IdColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string BytesType => "BLOB";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using SqliteCommand pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: !write));

    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
