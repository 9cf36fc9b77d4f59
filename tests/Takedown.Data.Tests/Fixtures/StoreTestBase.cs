using System.Globalization;
using Takedown.Data.Sql;

namespace Takedown.Data.Tests.Fixtures;

/// <summary>
/// The lifetime of a storage test: creates the <see cref="TestDatabase"/> of the sealed subclass's dialect, opens
/// <see cref="Store"/> over it (see <see cref="StoreOnStart"/>), and afterwards disposes every store the test opened
/// and drops the database. Also the unit-of-work helpers (<see cref="WriteAsync{T}"/>, <see cref="ReadAsync{T}"/>)
/// and SQL outside the store.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private readonly List<ITakedownStore> _stores = [];
    private SqlTakedownStore? _store;

    /// <summary>Takes ownership of <paramref name="database"/>: it is created before and dropped after each test.</summary>
    protected StoreTestBase(TestDatabase database)
    {
        Database = database;
    }

    /// <summary>The test's database.</summary>
    protected TestDatabase Database { get; }

    /// <summary>The store opened before the test.</summary>
    protected SqlTakedownStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>What is opened before each test; <see cref="StoreOnStart.Migrated"/> unless a class says otherwise.</summary>
    protected virtual StoreOnStart StoreOnStart => StoreOnStart.Migrated;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        await Database.CreateAsync(Ct);
        if (StoreOnStart == StoreOnStart.None)
        {
            return;
        }

        _store = Track(Database.CreateStore());
        if (StoreOnStart == StoreOnStart.Migrated)
        {
            await _store.MigrateAsync(Ct);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (ITakedownStore store in _stores)
        {
            await store.DisposeAsync();
        }

        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes <paramref name="store"/> with the test's database at the end of the test.</summary>
    protected T Track<T>(T store)
        where T : ITakedownStore
    {
        _stores.Add(store);
        return store;
    }

    /// <summary>Disposes <paramref name="store"/> now (e.g. to reopen the database differently).</summary>
    protected async Task CloseAsync(ITakedownStore store)
    {
        await store.DisposeAsync();
        _stores.Remove(store);
    }

    /// <summary>Runs <paramref name="work"/> in a write unit of work on <see cref="Store"/> and commits it.</summary>
    protected async Task<T> WriteAsync<T>(Func<ITakedownSession, Task<T>> work)
    {
        await using ITakedownSession session = await Store.BeginAsync(write: true, Ct);
        T result = await work(session);
        await session.CommitAsync(Ct);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a read unit of work on <see cref="Store"/>.</summary>
    protected async Task<T> ReadAsync<T>(Func<ITakedownSession, Task<T>> work)
    {
        await using ITakedownSession session = await Store.BeginAsync(write: false, Ct);
        return await work(session);
    }

    /// <summary>Runs SQL (one or more statements) on the test's database outside the store.</summary>
    protected Task ExecuteSqlAsync(string sql) => Database.ExecuteAsync(sql, Ct);

    /// <summary>The first column of the first row of <paramref name="sql"/>, as a number.</summary>
    protected async Task<long> ScalarSqlAsync(string sql) => Convert.ToInt64(await Database.ScalarAsync(sql, Ct), CultureInfo.InvariantCulture);
}
