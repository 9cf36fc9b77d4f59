using System.Data.Common;

namespace Takedown.Data.Sql;

/// <summary>A unit of work over one connection and transaction. Split by area into partial files.</summary>
internal sealed partial class SqlSession : ITakedownSession
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly bool _write;
    private readonly Protection.FieldCipher? _cipher;
    private bool _committed;

    public SqlSession(DbConnection connection, DbTransaction transaction, bool write, Protection.FieldCipher? cipher)
    {
        _connection = connection;
        _transaction = transaction;
        _write = write;
        _cipher = cipher;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            try
            {
                await _transaction.RollbackAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // The transaction is already finished (e.g. the connection broke); nothing to roll back.
            }
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private void EnsureWrite()
    {
        if (!_write)
        {
            throw new InvalidOperationException("This change needs a write session.");
        }
    }

    private DbCommand Command(string sql, ReadOnlySpan<Arg> args)
    {
        DbCommand command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (Arg arg in args)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = arg.Name;
            parameter.DbType = arg.Type;
            parameter.Value = arg.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params ReadOnlySpan<Arg> args) =>
        RunExecuteAsync(Command(sql, args), cancellationToken);

    private Task<long> ScalarAsync(string sql, CancellationToken cancellationToken, params ReadOnlySpan<Arg> args) =>
        RunScalarAsync(Command(sql, args), cancellationToken);

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params ReadOnlySpan<Arg> args) =>
        RunQueryAsync(Command(sql, args), map, cancellationToken);

    private async Task<T?> QuerySingleAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params Arg[] args)
        where T : class
    {
        List<T> results = await RunQueryAsync(Command(sql, args), map, cancellationToken);
        return results.Count == 0 ? null : results[0];
    }

    private static async Task<int> RunExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<long> RunScalarAsync(DbCommand command, CancellationToken cancellationToken)
    {
        using (command)
        {
            object? value = await command.ExecuteScalarAsync(cancellationToken);
            return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static async Task<List<T>> RunQueryAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        using (command)
        {
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            var results = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(map(reader));
            }

            return results;
        }
    }

    private static DateTimeOffset Time(DbDataReader r, int i) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private static DateTimeOffset? TimeOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));

    private static string? StringOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? LongOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static byte[] Bytes(DbDataReader r, int i) => (byte[])r.GetValue(i);
}
