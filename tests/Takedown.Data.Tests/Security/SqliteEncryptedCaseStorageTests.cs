using System.Text;
using Microsoft.Data.Sqlite;
using Takedown.Data.Protection;
using Takedown.Data.Sql;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests.Security;

public sealed class SqliteEncryptedCaseStorageTests() : EncryptedCaseStorageTests(new SqliteTestDatabase())
{
    protected override string BytesLiteral => "X'00'";

    private SqliteTestDatabase Sqlite => (SqliteTestDatabase)Database;

    [Fact]
    public async Task DatabaseFiles_DoNotContainTheContactEmailOrName()
    {
        ITakedownStore store = await OpenAsync(DataKeyRing.Generate());
        await InsertAsync(store, "TD-FILE");
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        foreach (string file in Directory.GetFiles(Sqlite.Directory, "takedown.db*"))
        {
            string bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct));
            bytes.ShouldNotContain("encrypted.marker.4471");
            bytes.ShouldNotContain("Encryptiontest");
        }
    }

    [Fact]
    public async Task DefaultStore_CreatesOwnerOnlyKeyFileBesideTheDatabase_AndReopensWithIt()
    {
        await using (var store = new SqliteTakedownStore(Sqlite.DatabasePath))
        {
            await store.MigrateAsync(Ct);
            await InsertAsync(store, "TD-DEFAULT");
        }

        string keyFile = Path.Combine(Sqlite.Directory, SqliteTakedownStore.KeyFileName);
        File.Exists(keyFile).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var reopened = new SqliteTakedownStore(Sqlite.DatabasePath);
        await reopened.MigrateAsync(Ct);
        (await ReadAsync(reopened, "TD-DEFAULT"))!.ContactEmail.ShouldBe("encrypted.marker.4471@example.org");
    }
}
