using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;
using Takedown.Core.Exchange.Files;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>
/// Set-based bulk import of hash lists (a million lines in one transaction, all or nothing). The list is read whole
/// into an <see cref="ImportBuffer"/> (compact, sorted by key in UTF-8 byte order, last line of a key wins), so a
/// malformed line fails before anything is written and neither database sorts the keys. Then three steps: upsert the
/// content rows in key order (SQLite: a prepared multi-row <c>INSERT ... ON CONFLICT</c> bound straight from the
/// buffer's UTF-8 bytes; PostgreSQL: binary <c>COPY</c> into a staging table, then one <c>INSERT ... SELECT</c>), then
/// one set statement each for the new signals and their change-sequence rows. In key order the unique key index and
/// the signal value index grow by appends instead of page splits at random places.
/// </summary>
internal sealed partial class SqlSession
{
    /// <summary>
    /// Rows per multi-row content <c>INSERT</c> on SQLite (positional parameters bound by index, so a statement's cost
    /// is linear in its rows; 64 rows is 130 parameters, far below SQLite's 32,766).
    /// </summary>
    internal const int StageBatchRows = 64;

    public async Task<(int Added, int Updated)> ImportAsync(HashBankRecord bank, IEnumerable<HashListEntry> entries, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(entries);
        ImportBuffer buffer = ImportBuffer.Read(entries, cancellationToken);
        if (buffer.Count == 0)
        {
            return (0, 0);
        }

        long maxContent = await ScalarAsync("SELECT COALESCE(MAX(id), 0) FROM bank_content", cancellationToken);
        long maxSignal = await ScalarAsync("SELECT COALESCE(MAX(id), 0) FROM bank_signals", cancellationToken);
        if (_connection is SqliteConnection sqlite)
        {
            // The page cache covers the import's hot pages (the right edges of the growing B-trees); restored after.
            await ExecuteAsync("PRAGMA cache_size = -65536", cancellationToken);
            try
            {
                int touched = UpsertContentSqlite(sqlite, bank.Id, at.ToUnixTimeMilliseconds(), buffer, cancellationToken);
                int added = await InsertSignalsAndChangesAsync(bank, maxContent, maxSignal, at, cancellationToken);
                return (added, touched - added);
            }
            finally
            {
                await RestoreSqliteCacheAsync();
            }
        }

        int pgTouched = await UpsertContentPostgresAsync((NpgsqlConnection)_connection, bank, buffer, at, cancellationToken);
        int pgAdded = await InsertSignalsAndChangesAsync(bank, maxContent, maxSignal, at, cancellationToken);
        return (pgAdded, pgTouched - pgAdded);
    }

    /// <summary>Pragmas belong to the (pooled) connection, not the transaction: leave the default behind.</summary>
    private async Task RestoreSqliteCacheAsync()
    {
        try
        {
            await ExecuteAsync("PRAGMA cache_size = -2000", CancellationToken.None);
        }
        catch (SqliteException)
        {
            // The transaction already failed (its error is the one that propagates); the pooled connection is
            // discarded with it on rollback of this session.
        }
    }

    /// <summary>
    /// The new signals (one per new content row) and their change-sequence rows, each one set statement over the rows
    /// this import added (ids above those before it). The import key is "&lt;kind&gt;:&lt;value&gt;"
    /// (<see cref="HashListEntry.Key"/>) and the short signal type names equal the stored kind names, so the signal is
    /// read back from the key.
    /// </summary>
    private async Task<int> InsertSignalsAndChangesAsync(HashBankRecord bank, long maxContent, long maxSignal, DateTimeOffset at, CancellationToken cancellationToken)
    {
        string signals = _connection is SqliteConnection
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
        int added = await BulkExecuteAsync(signals, cancellationToken, Arg.Of("max", maxContent), Arg.Of("bank", bank.Id));

        // The change sequence every node's index follows (bank signal entry ids are negative).
        await BulkExecuteAsync(
            """
            INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at)
            SELECT -id, 1, kind, value, @case, @at FROM bank_signals WHERE id > @max ORDER BY id
            """,
            cancellationToken, Arg.Of("max", maxSignal), Arg.Of("case", BankChangeOwner(bank.Name)), Arg.Of("at", at));
        return added;
    }

    /// <summary>A set-based statement over the whole list: no command timeout (Npgsql's default of 30 s is per statement).</summary>
    private Task<int> BulkExecuteAsync(string sql, CancellationToken cancellationToken, params ReadOnlySpan<Arg> args)
    {
        DbCommand command = Command(sql, args);
        command.CommandTimeout = 0;
        return RunExecuteAsync(command, cancellationToken);
    }

    /// <summary>
    /// Upserts the buffer's content rows in key order through SQLite's own prepared statements on this connection
    /// (inside its open transaction): keys bound from the buffer's UTF-8 bytes, no string or parameter object per row.
    /// Returns the rows inserted or relabelled.
    /// </summary>
    private static int UpsertContentSqlite(SqliteConnection connection, long bankId, long at, ImportBuffer buffer, CancellationToken cancellationToken)
    {
        sqlite3 db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        sqlite3_stmt? full = null;
        sqlite3_stmt? tail = null;
        try
        {
            int touched = 0;
            for (int start = 0; start < buffer.Count; start += StageBatchRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = Math.Min(StageBatchRows, buffer.Count - start);
                sqlite3_stmt statement = rows == StageBatchRows
                    ? full ??= PrepareSqlite(db, ContentUpsertSql(rows))
                    : tail = PrepareSqlite(db, ContentUpsertSql(rows));
                CheckSqlite(raw.sqlite3_bind_int64(statement, 1, bankId), db);
                CheckSqlite(raw.sqlite3_bind_int64(statement, 2, at), db);
                for (int row = 0; row < rows; row++)
                {
                    CheckSqlite(raw.sqlite3_bind_text(statement, 3 + (2 * row), buffer.Key(start + row)), db);
                    string? label = buffer.Label(start + row);
                    CheckSqlite(label is null ? raw.sqlite3_bind_null(statement, 4 + (2 * row)) : raw.sqlite3_bind_text(statement, 4 + (2 * row), label), db);
                }

                int rc = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                touched += raw.sqlite3_changes(db);
            }

            return touched;
        }
        finally
        {
            full?.Dispose();
            tail?.Dispose();
        }
    }

    /// <summary>The content upsert for <paramref name="rows"/> rows: ?1 bank, ?2 time, then key and label per row.</summary>
    private static string ContentUpsertSql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO bank_content (bank_id, source_key, label, disable_until, created_at, updated_at) VALUES ", 200 + (rows * 24));
        for (int row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(?1,?" : ",(?1,?").Append((3 + (2 * row)).ToString(CultureInfo.InvariantCulture))
                .Append(",?").Append((4 + (2 * row)).ToString(CultureInfo.InvariantCulture)).Append(",1,?2,?2)");
        }

        return sql.Append(" ON CONFLICT (bank_id, source_key) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at")
            .Append(" WHERE bank_content.label IS NOT excluded.label").ToString();
    }

    private static sqlite3_stmt PrepareSqlite(sqlite3 db, string sql)
    {
        int rc = raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return statement;
    }

    private static void CheckSqlite(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>
    /// PostgreSQL: binary <c>COPY</c> of the sorted, distinct entries into a temporary staging table, then one upsert
    /// in that order. Returns the rows inserted or relabelled.
    /// </summary>
    private async Task<int> UpsertContentPostgresAsync(NpgsqlConnection connection, HashBankRecord bank, ImportBuffer buffer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The default work_mem (4 MB) sends the ORDER BY of a million staged rows (and of the new signals) to an
        // external merge on disk; for this transaction only, sorts of that size stay in memory.
        await ExecuteAsync("SET LOCAL work_mem = '256MB'", cancellationToken);
        await ExecuteAsync("CREATE TEMP TABLE import_stage (ord INTEGER NOT NULL, key TEXT NOT NULL, label TEXT NULL) ON COMMIT DROP", cancellationToken);
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY import_stage (ord, key, label) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (int i = 0; i < buffer.Count; i++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(buffer.KeyString(i), NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                if (buffer.Label(i) is { } label)
                {
                    await copy.WriteAsync(label, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        int touched = await BulkExecuteAsync(
            """
            INSERT INTO bank_content (bank_id, source_key, label, disable_until, created_at, updated_at)
            SELECT @bank, key, label, 1, @at, @at FROM import_stage ORDER BY ord
            ON CONFLICT (bank_id, source_key) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at
            WHERE bank_content.label IS DISTINCT FROM excluded.label
            """,
            cancellationToken, Arg.Of("bank", bank.Id), Arg.Of("at", at));

        // ON COMMIT DROP would drop it too; dropping now lets the same unit of work import again.
        await ExecuteAsync("DROP TABLE import_stage", cancellationToken);
        return touched;
    }
}
