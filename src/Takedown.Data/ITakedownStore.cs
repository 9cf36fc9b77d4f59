namespace Takedown.Data;

/// <summary>
/// Storage for Takedown: SQLite (<see cref="Sql.SqliteTakedownStore"/>) or PostgreSQL
/// (<see cref="Sql.PostgresTakedownStore"/>). Work happens in sessions (units of work): everything done in a session
/// is committed together or not at all.
/// </summary>
public interface ITakedownStore : IAsyncDisposable
{
    /// <summary>Which database this is: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider { get; }

    /// <summary>Applies missing migrations in one transaction and records them in <c>schema_migrations</c>.</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a unit of work. Write sessions are serialised across writers (SQLite <c>BEGIN IMMEDIATE</c>, a PostgreSQL
    /// advisory lock), which keeps the audit chain and the bank change sequence in commit order.
    /// </summary>
    public Task<ITakedownSession> BeginAsync(bool write, CancellationToken cancellationToken);
}
