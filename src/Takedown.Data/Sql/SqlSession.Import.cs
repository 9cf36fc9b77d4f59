using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Takedown.Core.Exchange.Files;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>
/// Set-based bulk import of hash lists (a million lines in one transaction, all or nothing). The entries are streamed
/// into a temporary staging table (SQLite: multi-row <c>INSERT</c> batches through one reused command; PostgreSQL:
/// binary <c>COPY</c>), then four statements apply them: upsert the content rows in key order (labels of hashes
/// already in the bank change, the last line of a key wins), then the new signals and their change-sequence rows.
/// Inserting in key order keeps the unique key index and the signal value index appending instead of splitting pages
/// at random, which is what made the row-by-row import slow.
/// </summary>
internal sealed partial class SqlSession
{
    /// <summary>
    /// Rows per multi-row staging <c>INSERT</c> on SQLite. Binding costs grow with the square of a statement's parameter
    /// count (each is looked up by name), so short batches win: 1M rows took 46 s with 500-row batches, 26 s with 64
    /// and 21 s with 16 (bench/exchange, idle machine).
    /// </summary>
    internal const int StageBatchRows = 16;

    public async Task<(int Added, int Updated)> ImportAsync(HashBankRecord bank, IEnumerable<HashListEntry> entries, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(entries);
        bool sqlite = _connection is SqliteConnection;
        if (sqlite)
        {
            // The temporary staging table lives in memory up to the temp cache and spills to a temp file beyond it.
            await ExecuteAsync("PRAGMA cache_size = -65536", cancellationToken);
        }

        try
        {
            await ExecuteAsync(sqlite
                ? "CREATE TEMP TABLE import_stage (ord INTEGER PRIMARY KEY, key TEXT NOT NULL, label TEXT NULL)"
                : "CREATE TEMP TABLE import_stage (ord BIGINT NOT NULL, key TEXT NOT NULL, label TEXT NULL) ON COMMIT DROP", cancellationToken);
            long staged = sqlite
                ? await StageSqliteAsync(entries, cancellationToken)
                : await StagePostgresAsync((NpgsqlConnection)_connection, entries, cancellationToken);
            (int Added, int Updated) result = staged == 0 ? (0, 0) : await ApplyStageAsync(bank, sqlite, at, cancellationToken);
            if (!sqlite)
            {
                // ON COMMIT DROP would drop it too; dropping now lets the same unit of work import again.
                await ExecuteAsync("DROP TABLE import_stage", cancellationToken);
            }

            return result;
        }
        finally
        {
            if (sqlite)
            {
                await CleanUpSqliteStageAsync();
            }
        }
    }

    /// <summary>Temp tables and pragmas belong to the (pooled) connection, not the transaction: leave nothing behind.</summary>
    private async Task CleanUpSqliteStageAsync()
    {
        try
        {
            await ExecuteAsync("DROP TABLE IF EXISTS temp.import_stage", CancellationToken.None);
            await ExecuteAsync("PRAGMA cache_size = -2000", CancellationToken.None);
        }
        catch (SqliteException)
        {
            // The transaction already failed (its error is the one that propagates); the pooled connection is
            // discarded with it on rollback of this session.
        }
    }

    private async Task<(int Added, int Updated)> ApplyStageAsync(HashBankRecord bank, bool sqlite, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long maxContent = await ScalarAsync("SELECT COALESCE(MAX(id), 0) FROM bank_content", cancellationToken);
        long maxSignal = await ScalarAsync("SELECT COALESCE(MAX(id), 0) FROM bank_signals", cancellationToken);
        var bankArg = Arg.Of("bank", bank.Id);
        var atArg = Arg.Of("at", at);

        // 1. Content rows, one per distinct key (the last line wins), in key order; existing keys get the new label.
        string upsert = sqlite
            ? """
              INSERT INTO bank_content (bank_id, source_key, label, disable_until, created_at, updated_at)
              SELECT @bank, key, label, 1, @at, @at FROM (
                  SELECT key, label, ROW_NUMBER() OVER (PARTITION BY key ORDER BY ord DESC) AS rn FROM temp.import_stage)
              WHERE rn = 1 ORDER BY key
              ON CONFLICT (bank_id, source_key) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at
              WHERE bank_content.label IS NOT excluded.label
              """
            : """
              INSERT INTO bank_content (bank_id, source_key, label, disable_until, created_at, updated_at)
              SELECT @bank, s.key, s.label, 1, @at, @at FROM (
                  SELECT DISTINCT ON (key) key, label FROM import_stage ORDER BY key, ord DESC) s
              ORDER BY s.key
              ON CONFLICT (bank_id, source_key) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at
              WHERE bank_content.label IS DISTINCT FROM excluded.label
              """;
        int touched = await BulkExecuteAsync(upsert, cancellationToken, bankArg, atArg);

        // 2. One signal per new content row. The import key is "<kind>:<value>" (HashListEntry.Key) and the short
        //    signal type names equal the stored kind names, so the signal is read back from the key.
        string signals = sqlite
            ? """
              INSERT INTO bank_signals (content_id, bank_id, kind, value)
              SELECT id, bank_id, substr(source_key, 1, instr(source_key, ':') - 1), substr(source_key, instr(source_key, ':') + 1)
              FROM bank_content WHERE id > @max AND bank_id = @bank ORDER BY id
              """
            : """
              INSERT INTO bank_signals (content_id, bank_id, kind, value)
              SELECT id, bank_id, split_part(source_key, ':', 1), substr(source_key, strpos(source_key, ':') + 1)
              FROM bank_content WHERE id > @max AND bank_id = @bank ORDER BY id
              """;
        int added = await BulkExecuteAsync(signals, cancellationToken, Arg.Of("max", maxContent), bankArg);

        // 3. The change sequence every node's index follows (bank signal entry ids are negative).
        await BulkExecuteAsync(
            """
            INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at)
            SELECT -id, 1, kind, value, @case, @at FROM bank_signals WHERE id > @max ORDER BY id
            """,
            cancellationToken, Arg.Of("max", maxSignal), Arg.Of("case", BankChangeOwner(bank.Name)), atArg);
        return (added, touched - added);
    }

    /// <summary>A set-based statement over the whole list: no command timeout (Npgsql's default of 30 s is per statement).</summary>
    private Task<int> BulkExecuteAsync(string sql, CancellationToken cancellationToken, params ReadOnlySpan<Arg> args)
    {
        DbCommand command = Command(sql, args);
        command.CommandTimeout = 0;
        return RunExecuteAsync(command, cancellationToken);
    }

    private async Task<long> StageSqliteAsync(IEnumerable<HashListEntry> entries, CancellationToken cancellationToken)
    {
        using DbCommand full = StageCommand(StageBatchRows);
        var keys = new string[StageBatchRows];
        var labels = new string?[StageBatchRows];
        int count = 0;
        long total = 0;
        foreach (HashListEntry entry in entries)
        {
            keys[count] = entry.Key;
            labels[count] = entry.Label;
            if (++count == StageBatchRows)
            {
                await RunStageAsync(full, keys, labels, count, cancellationToken);
                total += count;
                count = 0;
            }
        }

        if (count > 0)
        {
            using DbCommand tail = StageCommand(count);
            await RunStageAsync(tail, keys, labels, count, cancellationToken);
            total += count;
        }

        return total;
    }

    private static async Task RunStageAsync(DbCommand command, string[] keys, string?[] labels, int count, CancellationToken cancellationToken)
    {
        DbParameterCollection parameters = command.Parameters;
        for (int i = 0; i < count; i++)
        {
            parameters[2 * i].Value = keys[i];
            parameters[(2 * i) + 1].Value = (object?)labels[i] ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand StageCommand(int rows)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO temp.import_stage (key, label) VALUES ", 32 + (rows * 20));
        var parameters = new (string Name, DbType Type)[rows * 2];
        for (int i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ",(").Append("@k").Append(i.ToString(CultureInfo.InvariantCulture))
                .Append(",@l").Append(i.ToString(CultureInfo.InvariantCulture)).Append(')');
            parameters[2 * i] = ("k" + i.ToString(CultureInfo.InvariantCulture), DbType.String);
            parameters[(2 * i) + 1] = ("l" + i.ToString(CultureInfo.InvariantCulture), DbType.String);
        }

        return Prepared(sql.ToString(), parameters);
    }

    private static async Task<long> StagePostgresAsync(NpgsqlConnection connection, IEnumerable<HashListEntry> entries, CancellationToken cancellationToken)
    {
        long ord = 0;
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY import_stage (ord, key, label) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (HashListEntry entry in entries)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(++ord, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(entry.Key, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                if (entry.Label is null)
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await copy.WriteAsync(entry.Label, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        return ord;
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
