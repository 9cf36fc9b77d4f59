using Takedown.Data.Sql;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests;

public sealed class SqliteTakedownStoreTests() : TakedownStoreTests(new SqliteTestDatabase())
{
    [Fact]
    public async Task MigrateAsync_NewFile_UsesWalJournal()
    {
        (await Database.ScalarAsync("PRAGMA journal_mode", Ct)).ShouldBe("wal");
        (await Database.ScalarAsync("SELECT COUNT(*) FROM schema_migrations", Ct)).ShouldBe((long)SqlTakedownStore.Migrations.Count);
    }
}
