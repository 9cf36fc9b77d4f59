using System.Data;
using System.Data.Common;
using Takedown.Core.Exchange.Files;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>Bulk import of hash lists with prepared, reused commands (a million lines in one transaction).</summary>
internal sealed partial class SqlSession
{
    public async Task<(int Added, int Updated)> ImportAsync(HashBankRecord bank, IEnumerable<HashListEntry> entries, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        bool sqlite = _connection is Microsoft.Data.Sqlite.SqliteConnection;
        if (sqlite)
        {
            // A million random keys make the indexes far larger than SQLite's default 2 MB page cache; without a larger
            // cache every insert spills and re-reads pages. Restored below (pooled connections keep pragmas).
            await ExecuteAsync("PRAGMA cache_size = -131072", cancellationToken);
        }

        try
        {
            return await ImportRowsAsync(bank, entries, at, cancellationToken);
        }
        finally
        {
            if (sqlite)
            {
                await ExecuteAsync("PRAGMA cache_size = -2000", CancellationToken.None);
            }
        }
    }

    private async Task<(int Added, int Updated)> ImportRowsAsync(HashBankRecord bank, IEnumerable<HashListEntry> entries, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long atMs = at.ToUnixTimeMilliseconds();
        using DbCommand find = Prepared("SELECT id, label FROM bank_content WHERE bank_id = @bank AND source_key = @key", ("bank", DbType.Int64), ("key", DbType.String));
        using DbCommand relabel = Prepared("UPDATE bank_content SET label = @label, updated_at = @at WHERE id = @id", ("label", DbType.String), ("at", DbType.Int64), ("id", DbType.Int64));
        using DbCommand content = Prepared(
            "INSERT INTO bank_content (bank_id, source_key, label, disable_until, created_at, updated_at) VALUES (@bank, @key, @label, 1, @at, @at) RETURNING id",
            ("bank", DbType.Int64), ("key", DbType.String), ("label", DbType.String), ("at", DbType.Int64));
        using DbCommand signal = Prepared(
            "INSERT INTO bank_signals (content_id, bank_id, kind, value) VALUES (@content, @bank, @kind, @value) RETURNING id",
            ("content", DbType.Int64), ("bank", DbType.Int64), ("kind", DbType.String), ("value", DbType.String));
        using DbCommand change = Prepared(
            "INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at) VALUES (@entry, 1, @kind, @value, @case, @at)",
            ("entry", DbType.Int64), ("kind", DbType.String), ("value", DbType.String), ("case", DbType.String), ("at", DbType.Int64));
        find.Parameters[0].Value = bank.Id;
        content.Parameters[0].Value = bank.Id;
        content.Parameters[3].Value = atMs;
        signal.Parameters[1].Value = bank.Id;
        change.Parameters[3].Value = BankChangeOwner(bank.Name);
        change.Parameters[4].Value = atMs;
        relabel.Parameters[1].Value = atMs;

        int added = 0, updated = 0;
        foreach (HashListEntry entry in entries)
        {
            string key = entry.Key;
            object label = (object?)entry.Label ?? DBNull.Value;
            find.Parameters[1].Value = key;
            long existing = 0;
            string? existingLabel = null;
            await using (DbDataReader reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    existing = reader.GetInt64(0);
                    existingLabel = reader.IsDBNull(1) ? null : reader.GetString(1);
                }
            }

            if (existing != 0)
            {
                if (!string.Equals(existingLabel, entry.Label, StringComparison.Ordinal))
                {
                    relabel.Parameters[0].Value = label;
                    relabel.Parameters[2].Value = existing;
                    await relabel.ExecuteNonQueryAsync(cancellationToken);
                    updated++;
                }

                continue;
            }

            string kind = KindName(entry.Kind);
            content.Parameters[1].Value = key;
            content.Parameters[2].Value = label;
            long contentId = Convert.ToInt64(await content.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            signal.Parameters[0].Value = contentId;
            signal.Parameters[2].Value = kind;
            signal.Parameters[3].Value = entry.Value;
            long signalId = Convert.ToInt64(await signal.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            change.Parameters[0].Value = -signalId;
            change.Parameters[1].Value = kind;
            change.Parameters[2].Value = entry.Value;
            await change.ExecuteNonQueryAsync(cancellationToken);
            added++;
        }

        return (added, updated);
    }

    private DbCommand Prepared(string sql, params (string Name, DbType Type)[] parameters)
    {
        DbCommand command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach ((string name, DbType type) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
