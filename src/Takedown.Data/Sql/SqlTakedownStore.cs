using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Takedown.Data.Protection;

namespace Takedown.Data.Sql;

/// <summary>The SQL implementation of <see cref="ITakedownStore"/> shared by SQLite and PostgreSQL.</summary>
public abstract class SqlTakedownStore : ITakedownStore
{
    private readonly SqlDialect _dialect;
    private Lazy<FieldCipher?> _cipher;

    private protected SqlTakedownStore(SqlDialect dialect, Func<DataKeyRing?> keys)
    {
        _dialect = dialect;
        _cipher = NewCipher(keys);
    }

    /// <summary>
    /// The data keys that encrypt requesters' personal data at rest, or null when none is configured (then such fields
    /// cannot be written). Reading this may create the default key file (SQLite).
    /// </summary>
    public DataKeyRing? DataKeys => _cipher.Value?.Keys;

    /// <summary>Uses these data keys instead of the default; call before the store is first used.</summary>
    public void UseDataKeys(DataKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _cipher = NewCipher(() => keys);
    }

    /// <inheritdoc/>
    public string Provider => _dialect.Name;

    /// <summary>The embedded migration scripts, by version (file names <c>NNNN_name.sql</c>).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    /// <inheritdoc/>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(int.MaxValue, cancellationToken);

    /// <summary>Applies the migrations up to <paramref name="upToVersion"/> (tests of a migration over older data).</summary>
    internal async Task<IReadOnlyList<int>> MigrateAsync(int upToVersion, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await _dialect.PrepareAsync(connection, cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginMigrationAsync(connection, cancellationToken);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            cancellationToken);

        var applied = new HashSet<long>();
        using (DbCommand select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT version FROM schema_migrations";
            await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        var newlyApplied = new List<int>();
        foreach ((int version, string name, string sql) in Migrations)
        {
            if (applied.Contains(version) || version > upToVersion)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, _dialect.Expand(sql), cancellationToken);
            using DbCommand record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({version}, '{name.Replace("'", "''", StringComparison.Ordinal)}', {TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()})");
            await record.ExecuteNonQueryAsync(cancellationToken);
            newlyApplied.Add(version);
        }

        if (_cipher.Value is { } cipher)
        {
            await CaseFieldEncryption.ReencryptAsync(connection, transaction, cipher, _dialect.LockRows, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return newlyApplied;
    }

    /// <inheritdoc/>
    public async Task<ITakedownSession> BeginAsync(bool write, CancellationToken cancellationToken)
    {
        DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        try
        {
            DbTransaction transaction = await _dialect.BeginAsync(connection, write, cancellationToken);
            return new SqlSession(connection, transaction, write, _cipher.Value);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _dialect.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static Lazy<FieldCipher?> NewCipher(Func<DataKeyRing?> keys) =>
        new(() => keys() is { } ring ? new FieldCipher(ring) : null, LazyThreadSafetyMode.ExecutionAndPublication);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        Assembly assembly = typeof(SqlTakedownStore).Assembly;
        var migrations = new List<(int, string, string)>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string fileName = resource[(resource.LastIndexOf("Migrations.", StringComparison.Ordinal) + "Migrations.".Length)..];
            int version = int.Parse(fileName.AsSpan(0, 4), CultureInfo.InvariantCulture);
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add((version, fileName[5..^4], reader.ReadToEnd()));
        }

        return migrations;
    }
}
