using System.Data.Common;

namespace Takedown.Data.Sql;

/// <summary>What differs between the databases: connections, transactions and a few type names.</summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Column definition of an auto-increment primary key.</summary>
    public abstract string IdColumn { get; }

    /// <summary>Binary column type.</summary>
    public abstract string BytesType { get; }

    /// <summary>Clause appended to a SELECT that reads rows about to be rewritten (row locks where the database has them).</summary>
    public virtual string LockRows => string.Empty;

    /// <summary>Opens a ready-to-use connection.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction; write transactions are serialised across writers.</summary>
    public abstract Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken);

    /// <summary>Begins the migration transaction: excludes other nodes migrating the same database or schema.</summary>
    public virtual Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginAsync(connection, write: true, cancellationToken);

    /// <summary>Runs once before migrations (e.g. journal mode).</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Replaces the placeholders of the migration scripts and keeps, of the lines between <c>--#if &lt;dialect&gt;</c> and
    /// <c>--#endif</c>, only those for this dialect.
    /// </summary>
    public string Expand(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var kept = new System.Text.StringBuilder(sql.Length);
        string? section = null;
        foreach (string line in sql.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith("--#if ", StringComparison.Ordinal))
            {
                section = trimmed["--#if ".Length..].Trim();
            }
            else if (trimmed == "--#endif")
            {
                section = null;
            }
            else if (section is null || section == Name)
            {
                kept.Append(line).Append('\n');
            }
        }

        return kept.ToString().Replace("{id}", IdColumn, StringComparison.Ordinal).Replace("{bytes}", BytesType, StringComparison.Ordinal);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
