using System.Data.Common;
using Takedown.Data.Protection;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Fixtures;

/// <summary>
/// One throw-away database for one test: it is created before the test, opens stores over itself, runs SQL outside
/// the store (to tamper with rows or inspect them) and drops itself afterwards.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>Makes the database ready for stores; may skip (or, on CI, fail) the test when the server is not configured.</summary>
    public abstract Task CreateAsync(CancellationToken cancellationToken);

    /// <summary>A store over this database with the dialect's default data keys for tests.</summary>
    public abstract SqlTakedownStore CreateStore();

    /// <summary>A store over this database, encrypting personal data with <paramref name="keys"/>.</summary>
    public abstract SqlTakedownStore CreateStore(DataKeyRing keys);

    /// <summary>Runs <paramref name="sql"/> (one or more statements) on a side connection, outside any store.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await OpenSideConnectionAsync(cancellationToken);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, read on a side connection.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await OpenSideConnectionAsync(cancellationToken);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Drops the database (never throws because the server was not configured).</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>A new connection of the dialect to this database, not opened yet.</summary>
    protected abstract DbConnection CreateSideConnection();

    private async Task<DbConnection> OpenSideConnectionAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = CreateSideConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
