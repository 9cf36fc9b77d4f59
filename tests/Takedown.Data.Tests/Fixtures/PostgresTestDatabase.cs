using System.Data.Common;
using Npgsql;
using Takedown.Data.Protection;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Fixtures;

/// <summary>
/// A schema of its own on the PostgreSQL server named by env <c>TAKEDOWN_TEST_POSTGRES</c>, dropped (cascade) afterwards.
/// With <c>CI=true</c> a missing connection string fails the test; elsewhere it is skipped with the reason.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private const string Variable = "TAKEDOWN_TEST_POSTGRES";

    private string? _connectionString;

    /// <summary>The schema every store and side connection of this database uses.</summary>
    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N");

    /// <summary>The server connection string with this schema as its search path (after <see cref="CreateAsync"/>).</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The test schema is not created yet.");

    /// <summary>The server connection string from the environment; skips the test (or fails it on CI) when it is not set.</summary>
    public static string ServerConnectionString()
    {
        string? value = Environment.GetEnvironmentVariable(Variable);
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

    /// <summary>Creates the schema.</summary>
    public override async Task CreateAsync(CancellationToken cancellationToken)
    {
        string server = ServerConnectionString();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {Schema}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Schema }.ToString();
    }

    /// <summary>A store with freshly generated data keys (PostgreSQL stores have no key file to fall back on).</summary>
    public override SqlTakedownStore CreateStore() => CreateStore(DataKeyRing.Generate());

    /// <inheritdoc/>
    public override SqlTakedownStore CreateStore(DataKeyRing keys) => new PostgresTakedownStore(ConnectionString, keys);

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        string? server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <inheritdoc/>
    protected override DbConnection CreateSideConnection() => new NpgsqlConnection(ConnectionString);
}
