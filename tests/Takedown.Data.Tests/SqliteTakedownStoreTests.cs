using Microsoft.Data.Sqlite;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests;

public sealed class SqliteTakedownStoreTests : TakedownStoreTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "takedown-data-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "takedown.db");

    protected override Task<ITakedownStore> CreateStoreAsync() => Task.FromResult<ITakedownStore>(new SqliteTakedownStore(DatabasePath));

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task MigrateAsync_NewFile_UsesWalJournal()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync(Ct)).ShouldBe("wal");
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        (await command.ExecuteScalarAsync(Ct)).ShouldBe((long)SqlTakedownStore.Migrations.Count);
    }
}
