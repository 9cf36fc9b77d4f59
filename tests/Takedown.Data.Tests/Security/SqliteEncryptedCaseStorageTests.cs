using System.Text;
using Microsoft.Data.Sqlite;
using Takedown.Data.Protection;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Security;

public sealed class SqliteEncryptedCaseStorageTests : EncryptedCaseStorageTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "takedown-encryption-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "takedown.db");

    protected override string BytesLiteral => "X'00'";

    protected override ITakedownStore CreateStore(DataKeyRing keys) => new SqliteTakedownStore(DatabasePath, keys);

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override async Task<string?> RawScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct) as string;
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
    public async Task DatabaseFiles_DoNotContainTheContactEmailOrName()
    {
        ITakedownStore store = await OpenAsync(DataKeyRing.Generate());
        await InsertAsync(store, "TD-FILE");
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        foreach (string file in Directory.GetFiles(_directory, "takedown.db*"))
        {
            string bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct));
            bytes.ShouldNotContain("encrypted.marker.4471");
            bytes.ShouldNotContain("Encryptiontest");
        }
    }

    [Fact]
    public async Task DefaultStore_CreatesOwnerOnlyKeyFileBesideTheDatabase_AndReopensWithIt()
    {
        await using (var store = new SqliteTakedownStore(DatabasePath))
        {
            await store.MigrateAsync(Ct);
            await InsertAsync(store, "TD-DEFAULT");
        }

        string keyFile = Path.Combine(_directory, SqliteTakedownStore.KeyFileName);
        File.Exists(keyFile).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var reopened = new SqliteTakedownStore(DatabasePath);
        await reopened.MigrateAsync(Ct);
        (await ReadAsync(reopened, "TD-DEFAULT"))!.ContactEmail.ShouldBe("encrypted.marker.4471@example.org");
    }
}
