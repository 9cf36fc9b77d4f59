using Npgsql;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests;

/// <summary>
/// The same contract on PostgreSQL (env <c>TAKEDOWN_TEST_POSTGRES</c>). Each test gets its own schema. With
/// <c>CI=true</c> a missing connection string fails the tests; elsewhere they are skipped with the reason.
/// </summary>
public sealed class PostgresTakedownStoreTests : TakedownStoreTests
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");

    /// <summary>Creates <paramref name="schema"/> and returns a connection string whose search path is that schema.</summary>
    internal static async Task<string> CreateSchemaAsync(string schema, CancellationToken cancellationToken)
    {
        string baseConnection = ConnectionString();
        await using (var connection = new NpgsqlConnection(baseConnection))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema }.ToString();
    }

    internal static string ConnectionString()
    {
        string? value = Environment.GetEnvironmentVariable("TAKEDOWN_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true but TAKEDOWN_TEST_POSTGRES is not set: the PostgreSQL storage tests cannot run.");
        }

        Assert.Skip("TAKEDOWN_TEST_POSTGRES is not set (eng/test.sh sets it); PostgreSQL storage tests not run.");
        return string.Empty;
    }

    protected override async Task<ITakedownStore> CreateStoreAsync()
    {
        return new PostgresTakedownStore(await CreateSchemaAsync(_schema, Ct), Takedown.Data.Protection.DataKeyRing.Generate());
    }

    protected override async Task DropAsync()
    {
        string? baseConnection = Environment.GetEnvironmentVariable("TAKEDOWN_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(baseConnection))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(baseConnection);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString()) { SearchPath = _schema }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
