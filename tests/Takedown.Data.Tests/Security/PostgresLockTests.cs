using Npgsql;
using Takedown.Data.Protection;
using Takedown.Data.Sql;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests.Security;

/// <summary>
/// PostgreSQL advisory locks are scoped to one deployment (database and schema): nodes of the same deployment
/// migrate one at a time, other deployments in the same database never wait, and migrating does not wait for writers.
/// </summary>
public sealed class PostgresLockTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _deploymentA = new();
    private readonly PostgresTestDatabase _deploymentB = new();
    private readonly DataKeyRing _keys = DataKeyRing.Generate();
    private readonly List<ITakedownStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _deploymentA.CreateAsync(Ct);
        await _deploymentB.CreateAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ITakedownStore store in _stores)
        {
            await store.DisposeAsync();
        }

        await _deploymentA.DisposeAsync();
        await _deploymentB.DisposeAsync();
    }

    private PostgresTakedownStore Node(PostgresTestDatabase deployment)
    {
        var store = (PostgresTakedownStore)deployment.CreateStore(_keys);
        _stores.Add(store);
        return store;
    }

    /// <summary>A token that ends the test instead of hanging if a lock is never granted.</summary>
    private static CancellationTokenSource Deadline()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        source.CancelAfter(TimeSpan.FromSeconds(60));
        return source;
    }

    [Fact]
    public async Task MigrateAsync_TwoNodesStartingTogether_ApplyEachMigrationExactlyOnce()
    {
        PostgresTakedownStore first = Node(_deploymentA);
        PostgresTakedownStore second = Node(_deploymentA);

        IReadOnlyList<int>[] applied = await Task.WhenAll(
            Task.Run(() => first.MigrateAsync(Ct), Ct),
            Task.Run(() => second.MigrateAsync(Ct), Ct));

        applied.SelectMany(a => a).Order().ShouldBe(SqlTakedownStore.Migrations.Select(m => m.Version).Order());
        applied.ShouldContain(a => a.Count == 0);
        ((long)(await _deploymentA.ScalarAsync("SELECT COUNT(*) FROM schema_migrations", Ct))!).ShouldBe(SqlTakedownStore.Migrations.Count);
    }

    [Fact]
    public async Task BeginWrite_OtherSchemaWriterHoldsItsLock_DoesNotWait()
    {
        PostgresTakedownStore a = Node(_deploymentA);
        PostgresTakedownStore b = Node(_deploymentB);
        await a.MigrateAsync(Ct);
        await b.MigrateAsync(Ct);

        await using ITakedownSession holding = await a.BeginAsync(write: true, Ct);
        using CancellationTokenSource deadline = Deadline();
        await using ITakedownSession other = await b.BeginAsync(write: true, deadline.Token);

        await other.AppendAuditAsync("test", "other.schema", null, "{}", DateTimeOffset.UnixEpoch, deadline.Token);
        await other.CommitAsync(deadline.Token);
    }

    [Fact]
    public async Task BeginWrite_SameSchema_WaitsForTheWriterHoldingTheScopedLock()
    {
        PostgresTakedownStore a = Node(_deploymentA);
        PostgresTakedownStore sameDeployment = Node(_deploymentA);
        await a.MigrateAsync(Ct);

        ITakedownSession holding = await a.BeginAsync(write: true, Ct);
        Task<ITakedownSession> waiting = sameDeployment.BeginAsync(write: true, Ct);

        // The second writer is blocked on exactly this deployment's writer key until the first one ends.
        string database = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString()).Database!;
        PostgresLockKeys keys = PostgresLockKeys.For(database, _deploymentA.Schema);
        await WaitForWaiterAsync(keys.Writer);
        waiting.IsCompleted.ShouldBeFalse();
        await holding.DisposeAsync();
        using CancellationTokenSource deadline = Deadline();
        await using ITakedownSession granted = await waiting.WaitAsync(deadline.Token);
        PostgresLockKeys.For(database, _deploymentB.Schema).Writer.ShouldNotBe(keys.Writer);
        keys.Migration.ShouldNotBe(keys.Writer);
    }

    [Fact]
    public async Task MigrateAsync_WhileAWriterHoldsTheWriterLock_DoesNotWaitForIt()
    {
        PostgresTakedownStore running = Node(_deploymentA);
        await running.MigrateAsync(Ct);

        await using ITakedownSession holding = await running.BeginAsync(write: true, Ct);
        using CancellationTokenSource deadline = Deadline();
        IReadOnlyList<int> applied = await Node(_deploymentA).MigrateAsync(deadline.Token);

        applied.ShouldBeEmpty();
    }

    private static async Task WaitForWaiterAsync(long key)
    {
        // pg_locks splits a bigint advisory key into classid (high 32 bits) and objid (low 32 bits), objsubid 1.
        long high = (long)((ulong)key >> 32);
        long low = key & 0xFFFF_FFFF;
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.ServerConnectionString());
        await connection.OpenAsync(Ct);
        using CancellationTokenSource deadline = Deadline();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1 AND classid::bigint = @high AND objid::bigint = @low",
                connection);
            command.Parameters.AddWithValue("high", high);
            command.Parameters.AddWithValue("low", low);
            if ((long)(await command.ExecuteScalarAsync(deadline.Token))! > 0)
            {
                return;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
