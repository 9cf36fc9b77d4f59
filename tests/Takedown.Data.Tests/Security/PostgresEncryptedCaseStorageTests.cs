using Npgsql;
using Takedown.Data.Protection;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Security;

/// <summary>The encryption contract on PostgreSQL (env <c>TAKEDOWN_TEST_POSTGRES</c>), in a schema of its own.</summary>
public sealed class PostgresEncryptedCaseStorageTests : EncryptedCaseStorageTests
{
    private readonly string _schema = "e_" + Guid.NewGuid().ToString("N");

    private string SchemaConnection => new NpgsqlConnectionStringBuilder(PostgresTakedownStoreTests.ConnectionString()) { SearchPath = _schema }.ToString();

    protected override string BytesLiteral => "'\\x00'::bytea";

    public override async ValueTask InitializeAsync()
    {
        await PostgresSchemas.CreateAsync(_schema, Ct);
    }

    protected override ITakedownStore CreateStore(DataKeyRing keys) => new PostgresTakedownStore(SchemaConnection, keys);

    protected override Task DropAsync() => PostgresSchemas.DropAsync(_schema);

    protected override async Task<string?> RawScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(SchemaConnection);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct) as string;
    }

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(SchemaConnection);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}

/// <summary>Creates and drops the throw-away schemas of the PostgreSQL tests.</summary>
internal static class PostgresSchemas
{
    public static async Task CreateAsync(string schema, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(PostgresTakedownStoreTests.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task DropAsync(string schema)
    {
        string? baseConnection = Environment.GetEnvironmentVariable("TAKEDOWN_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(baseConnection))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(baseConnection);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
