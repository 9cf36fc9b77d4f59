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
/// into an <see cref="ImportBuffer"/> (compact stored keys, <see cref="SignalCodec"/>, sorted in byte order, last line of
/// a key wins), so a malformed line fails before anything is written and neither database sorts the keys. Then three
/// steps: upsert the content rows in key order (SQLite: a prepared multi-row <c>INSERT ... ON CONFLICT</c> bound
/// straight from the buffer's bytes as BLOBs; PostgreSQL: into a staging table and then one <c>INSERT ... SELECT</c>
/// upsert), then one set statement for the signal rows of text keys (vPDQ) and one range row in the change sequence
/// for all the new signals (migration 0010). A hash key (MD5, PDQ, SHA-256) is its content row's signal itself
/// (migration 0011, <c>key_kind</c>): one heap row and two index entries per imported hash. PostgreSQL into an empty
/// bank skips the staging: ids reserved from the sequences, then a binary <c>COPY</c> of the content (and one of the
/// text keys' signal rows, if any) and the range row. In key order the unique key index grows by appends instead of
/// page splits at random places.
/// </summary>
internal sealed partial class SqlSession
{
    /// <summary>
    /// Rows per multi-row content <c>INSERT</c> on SQLite (positional parameters bound by index, so a statement's cost
    /// is linear in its rows; 64 rows is 194 parameters, far below SQLite's 32,766).
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
            await AlignContentIdsSqliteAsync(cancellationToken);
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

        var npgsql = (NpgsqlConnection)_connection;
        (int Added, int Updated) result;
        if (await PostgresBankIsEmptyAsync(bank.Id, cancellationToken))
        {
            await CopyIntoEmptyBankPostgresAsync(npgsql, bank, buffer, at, cancellationToken);
            result = (buffer.Count, 0);
        }
        else
        {
            // New content ids above every signal id drawn so far, so that each new signal can take its content's id.
            await ScalarAsync(
                "SELECT setval(pg_get_serial_sequence('bank_content', 'id'), GREATEST(nextval(pg_get_serial_sequence('bank_content', 'id')), nextval(pg_get_serial_sequence('bank_signals', 'id'))))",
                cancellationToken);
            int pgTouched = await UpsertContentPostgresAsync(npgsql, bank, buffer, at, cancellationToken);
            int pgAdded = await InsertSignalsAndChangesAsync(bank, maxContent, maxSignal, at, cancellationToken);
            result = (pgAdded, pgTouched - pgAdded);
        }

        if (result.Added >= AnalyzeAfterRows)
        {
            // Fresh statistics with the rows (published at commit): until autovacuum's next ANALYZE the planner would
            // take a grown bank for a few rows, e.g. sort the whole bank for every page of its export
            // (ListBankSignalsAsync) where a primary-key walk reads each row once.
            await ExecuteAsync("ANALYZE bank_content", cancellationToken);
        }

        return result;
    }

    /// <summary>New rows from which a PostgreSQL import refreshes the planner's statistics of <c>bank_content</c> itself.</summary>
    internal const int AnalyzeAfterRows = 10_000;

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
    /// The new signals (one per new content row) and their change-sequence rows, in the same transaction as the
    /// content (no foreign key since migration 0009: integrity by construction). The stored key
    /// (<see cref="SignalCodec"/>) holds the signal: a hash key's tag names the kind and the raw hash follows, and the
    /// content row is the signal (<c>key_kind</c>, written with the row); a text key is "&lt;kind&gt;:&lt;value&gt;"
    /// (<see cref="HashListEntry.Key"/>, the short signal type names equal the stored kind names) and gets a
    /// <c>bank_signals</c> row here, one set statement over the rows this import added (ids above those before it;
    /// SQLite, without statistics, is kept on that primary-key range by <c>+bank_id</c>: through the key index it read the
    /// whole bank each time, and a feed's pages of new hashes grew quadratically).
    /// </summary>
    private async Task<int> InsertSignalsAndChangesAsync(HashBankRecord bank, long maxContent, long maxSignal, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Only text keys (key_kind NULL, tag byte 0) reach this: "<kind>:<value>" after the tag.
        string signals = _connection is SqliteConnection
            ? """
              INSERT INTO bank_signals (id, content_id, bank_id, kind, value, hash)
              SELECT id, id, bank_id, substr(t, 1, instr(t, ':') - 1), substr(t, instr(t, ':') + 1), NULL
              FROM (SELECT id, bank_id, CAST(substr(key_bytes, 2) AS TEXT) AS t
                    FROM bank_content WHERE id > @max AND +bank_id = @bank AND key_kind IS NULL)
              ORDER BY id
              """
            : """
              INSERT INTO bank_signals (id, content_id, bank_id, kind, value, hash)
              SELECT id, id, bank_id, split_part(t, ':', 1), substr(t, strpos(t, ':') + 1), NULL
              FROM (SELECT id, bank_id, convert_from(substring(key_bytes FROM 2), 'UTF8') AS t
                    FROM bank_content WHERE id > @max AND bank_id = @bank AND key_kind IS NULL) x
              ORDER BY id
              """;
        await BulkExecuteAsync(signals, cancellationToken, Arg.Of("max", maxContent), Arg.Of("bank", bank.Id));

        // Every new signal's id is its new content row's id: above every id drawn before (AlignContentIds...), drawn
        // under the write lock, so no other signal can ever have an id inside [First, Last]; ids of upserted rows that
        // hit an existing key are gaps the readers skip.
        (long added, long first, long last) = (await QueryAsync(
            "SELECT COUNT(*), COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM bank_content WHERE id > @max",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken, Arg.Of("max", maxContent)))[0];
        if (added == 0)
        {
            return 0;
        }

        if (first <= maxSignal)
        {
            // Key signals would share ids with signal rows: refuse (the unit of work rolls back) rather than mix them.
            throw new InvalidOperationException($"Import: new content id {first} is not above every signal id ({maxSignal}).");
        }

        await AdvanceSignalIdsAsync(last, cancellationToken);
        await InsertChangeRangeAsync(bank, first, last - first + 1, at, cancellationToken);
        return checked((int)added);
    }

    /// <summary>
    /// Moves the <c>bank_signals</c> id sequence to at least <paramref name="last"/> (never backwards), so that no signal
    /// row drawn later can take the id of a key signal (migration 0011) or of a signal inserted with an explicit id.
    /// </summary>
    private async Task AdvanceSignalIdsAsync(long last, CancellationToken cancellationToken)
    {
        if (_connection is SqliteConnection)
        {
            if (await ExecuteAsync("UPDATE sqlite_sequence SET seq = MAX(seq, @last) WHERE name = 'bank_signals'", cancellationToken, Arg.Of("last", last)) == 0)
            {
                await ExecuteAsync("INSERT INTO sqlite_sequence (name, seq) VALUES ('bank_signals', @last)", cancellationToken, Arg.Of("last", last));
            }

            return;
        }

        await ScalarAsync(
            "SELECT setval(pg_get_serial_sequence('bank_signals', 'id'), GREATEST(nextval(pg_get_serial_sequence('bank_signals', 'id')), @last))",
            cancellationToken, Arg.Of("last", last));
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
    /// (inside its open transaction): keys bound from the buffer's bytes, no string or parameter object per row.
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
                    ReadOnlySpan<byte> key = buffer.Key(start + row);
                    CheckSqlite(raw.sqlite3_bind_blob(statement, 3 + (3 * row), key), db);
                    string? label = buffer.Label(start + row);
                    CheckSqlite(label is null ? raw.sqlite3_bind_null(statement, 4 + (3 * row)) : raw.sqlite3_bind_text(statement, 4 + (3 * row), label), db);
                    string? keyKind = SignalCodec.KeyKind(key);
                    CheckSqlite(keyKind is null ? raw.sqlite3_bind_null(statement, 5 + (3 * row)) : raw.sqlite3_bind_text(statement, 5 + (3 * row), keyKind), db);
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

    /// <summary>
    /// The content upsert for <paramref name="rows"/> rows: ?1 bank, ?2 time, then key, label and key kind per row. A
    /// key that exists already keeps its row, its signals and its <c>key_kind</c> (same key, same hash); only the label
    /// changes.
    /// </summary>
    private static string ContentUpsertSql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO bank_content (bank_id, key_bytes, label, key_kind, disable_until, created_at, updated_at) VALUES ", 200 + (rows * 30));
        for (int row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(?1,?" : ",(?1,?").Append((3 + (3 * row)).ToString(CultureInfo.InvariantCulture))
                .Append(",?").Append((4 + (3 * row)).ToString(CultureInfo.InvariantCulture))
                .Append(",?").Append((5 + (3 * row)).ToString(CultureInfo.InvariantCulture)).Append(",1,?2,?2)");
        }

        return sql.Append(" ON CONFLICT (bank_id, key_bytes) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at")
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
    /// PostgreSQL into a bank that already has content: <c>COPY</c> into a temporary staging table, then one upsert in
    /// key order. Returns the rows inserted or relabelled.
    /// </summary>
    private async Task<int> UpsertContentPostgresAsync(NpgsqlConnection connection, HashBankRecord bank, ImportBuffer buffer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The default work_mem (4 MB) sends the ORDER BY of a million staged rows (and of the new signals) to an
        // external merge on disk; for this transaction only, sorts of that size stay in memory.
        await ExecuteAsync("SET LOCAL work_mem = '256MB'", cancellationToken);
        await ExecuteAsync("CREATE TEMP TABLE import_stage (ord INTEGER NOT NULL, key BYTEA NOT NULL, label TEXT NULL, key_kind TEXT NULL) ON COMMIT DROP", cancellationToken);
        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY import_stage (ord, key, label, key_kind) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (int i = 0; i < buffer.Count; i++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(buffer.KeyMemory(i), NpgsqlTypes.NpgsqlDbType.Bytea, cancellationToken);
                await WriteTextOrNullAsync(copy, buffer.Label(i), cancellationToken);
                await WriteTextOrNullAsync(copy, SignalCodec.KeyKind(buffer.Key(i)), cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        int touched = await BulkExecuteAsync(
            """
            INSERT INTO bank_content (bank_id, key_bytes, label, key_kind, disable_until, created_at, updated_at)
            SELECT @bank, key, label, key_kind, 1, @at, @at FROM import_stage ORDER BY ord
            ON CONFLICT (bank_id, key_bytes) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at
            WHERE bank_content.label IS DISTINCT FROM excluded.label
            """,
            cancellationToken, Arg.Of("bank", bank.Id), Arg.Of("at", at));

        // ON COMMIT DROP would drop it too; dropping now lets the same unit of work import again.
        await ExecuteAsync("DROP TABLE import_stage", cancellationToken);
        return touched;
    }

    private async Task<bool> PostgresBankIsEmptyAsync(long bankId, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT COUNT(*) FROM (SELECT 1 FROM bank_content WHERE bank_id = @bank LIMIT 1) x", cancellationToken, Arg.Of("bank", bankId)) == 0;

    /// <summary>
    /// PostgreSQL into an empty bank (nothing to upsert): the ids of the new content rows are reserved as one range of
    /// the identity sequences (writers hold the advisory write lock, so no other writer draws from them meanwhile), and
    /// the sorted, distinct entries are <c>COPY</c>ed straight into <c>bank_content</c>, each hash key as its own signal
    /// (migration 0011); only text keys (vPDQ) get a second <c>COPY</c> into <c>bank_signals</c> (content ids known in
    /// advance, no join back). <c>bank_changes</c> gets one range row for all the new signals (migration 0010). No
    /// <c>INSERT ... SELECT</c>, sort or expression evaluation on the server.
    /// </summary>
    private async Task CopyIntoEmptyBankPostgresAsync(NpgsqlConnection connection, HashBankRecord bank, ImportBuffer buffer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // One id range for both tables: each signal is its content row (0011) or takes its id (0010).
        long firstContent = await ScalarAsync(
            """
            SELECT setval(pg_get_serial_sequence('bank_content', 'id'),
                          GREATEST(nextval(pg_get_serial_sequence('bank_content', 'id')), nextval(pg_get_serial_sequence('bank_signals', 'id'))) + @n - 1) - @n + 1
            """,
            cancellationToken, Arg.Of("n", (long)buffer.Count));
        await AdvanceSignalIdsAsync(firstContent + buffer.Count - 1, cancellationToken);
        long atMs = at.ToUnixTimeMilliseconds();
        int textKeys = 0;
        await using (NpgsqlBinaryImporter content = await connection.BeginBinaryImportAsync(
            "COPY bank_content (id, bank_id, key_bytes, label, key_kind, disable_until, created_at, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (int i = 0; i < buffer.Count; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                content.StartRow();
                content.Write(firstContent + i, NpgsqlTypes.NpgsqlDbType.Bigint);
                content.Write(bank.Id, NpgsqlTypes.NpgsqlDbType.Bigint);
                ReadOnlyMemory<byte> key = buffer.KeyMemory(i);
                content.Write(key, NpgsqlTypes.NpgsqlDbType.Bytea);
                WriteTextOrNull(content, buffer.Label(i));
                string? keyKind = SignalCodec.KeyKind(key.Span);
                WriteTextOrNull(content, keyKind);
                textKeys += keyKind is null ? 1 : 0;
                content.Write(1L, NpgsqlTypes.NpgsqlDbType.Bigint);
                content.Write(atMs, NpgsqlTypes.NpgsqlDbType.Bigint);
                content.Write(atMs, NpgsqlTypes.NpgsqlDbType.Bigint);
            }

            await content.CompleteAsync(cancellationToken);
        }

        if (textKeys > 0)
        {
            await CopyTextKeySignalsAsync(connection, bank, buffer, firstContent, cancellationToken);
        }

        // The change sequence every node's index follows: one range row for the consecutive new signal ids.
        await InsertChangeRangeAsync(bank, firstContent, buffer.Count, at, cancellationToken);
    }

    /// <summary>The <c>bank_signals</c> rows of an empty-bank import's text keys (vPDQ), each with its content row's id.</summary>
    private static async Task CopyTextKeySignalsAsync(NpgsqlConnection connection, HashBankRecord bank, ImportBuffer buffer, long firstContent, CancellationToken cancellationToken)
    {
        await using (NpgsqlBinaryImporter signals = await connection.BeginBinaryImportAsync(
            "COPY bank_signals (id, content_id, bank_id, kind, value, hash) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (int i = 0; i < buffer.Count; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (SignalCodec.KeyKind(buffer.Key(i)) is not null)
                {
                    continue;
                }

                signals.StartRow();
                signals.Write(firstContent + i, NpgsqlTypes.NpgsqlDbType.Bigint);
                signals.Write(firstContent + i, NpgsqlTypes.NpgsqlDbType.Bigint);
                signals.Write(bank.Id, NpgsqlTypes.NpgsqlDbType.Bigint);
                WriteTextSignal(signals, buffer.KeyMemory(i));
            }

            await signals.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// SQLite: moves the AUTOINCREMENT high-water mark of <c>bank_content</c> up to that of <c>bank_signals</c>, so that
    /// the import's new content ids are above every signal id handed out so far and each new signal can take its
    /// content's id (explicit ids move the signals' mark on by themselves).
    /// </summary>
    private async Task AlignContentIdsSqliteAsync(CancellationToken cancellationToken)
    {
        long mark = await ScalarAsync(
            """
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'bank_signals'), 0), COALESCE((SELECT MAX(id) FROM bank_signals), 0),
                       COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'bank_content'), 0))
            """,
            cancellationToken);
        if (await ExecuteAsync("UPDATE sqlite_sequence SET seq = @mark WHERE name = 'bank_content'", cancellationToken, Arg.Of("mark", mark)) == 0)
        {
            await ExecuteAsync("INSERT INTO sqlite_sequence (name, seq) VALUES ('bank_content', @mark)", cancellationToken, Arg.Of("mark", mark));
        }
    }

    /// <summary>
    /// Appends one range row to <c>bank_changes</c> (migration 0010) for the additions of the <paramref name="count"/>
    /// signals from id <paramref name="firstSignal"/> on: it reserves <paramref name="count"/> sequence numbers and takes
    /// the last of them, so the range's changes sit at sequence numbers no other row gets.
    /// </summary>
    private async Task InsertChangeRangeAsync(HashBankRecord bank, long firstSignal, long count, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long last;
        if (_connection is SqliteConnection)
        {
            // AUTOINCREMENT: an explicit seq above the high-water mark moves the mark there, so the next single change
            // is numbered after the range (and deleted numbers are never handed out again).
            last = count + await ScalarAsync(
                "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'bank_changes'), 0), COALESCE((SELECT MAX(seq) FROM bank_changes), 0))",
                cancellationToken);
        }
        else
        {
            last = await ReserveIdsPostgresAsync("bank_changes", "seq", count, cancellationToken) + count - 1;
        }

        await ExecuteAsync(
            "INSERT INTO bank_changes (seq, entry_id, added, kind, value, hash, case_number, changed_at, span) VALUES (@seq, @entry, 1, @kind, NULL, NULL, @case, @at, @span)",
            cancellationToken, Arg.Of("seq", last), Arg.Of("entry", -firstSignal), Arg.Of("kind", RangeKind), Arg.Of("case", BankChangeOwner(bank.Name)),
            Arg.Of("at", at), Arg.Of("span", count));
    }

    /// <summary>
    /// Draws <paramref name="count"/> consecutive ids from the identity sequence of <paramref name="table"/>.<paramref name="column"/> in one call and
    /// returns the first (the sequence then continues after the range).
    /// </summary>
    private Task<long> ReserveIdsPostgresAsync(string table, string column, long count, CancellationToken cancellationToken) =>
        ScalarAsync(
            string.Create(CultureInfo.InvariantCulture, $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), nextval(pg_get_serial_sequence('{table}', '{column}')) + @n - 1) - @n + 1"),
            cancellationToken, Arg.Of("n", count));

    /// <summary>
    /// The kind, value and hash columns of the signal a stored text key holds: "&lt;kind&gt;:&lt;value&gt;" (hash null).
    /// Synchronous writes: the importer buffers, and an awaited call per field cost more client CPU than the server's
    /// share of a row (the client runs on the same two cores).
    /// </summary>
    private static void WriteTextSignal(NpgsqlBinaryImporter copy, ReadOnlyMemory<byte> key)
    {
        string text = Encoding.UTF8.GetString(key.Span[1..]);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        copy.Write(colon < 0 ? text : text[..colon], NpgsqlTypes.NpgsqlDbType.Text);
        copy.Write(colon < 0 ? text : text[(colon + 1)..], NpgsqlTypes.NpgsqlDbType.Text);
        copy.WriteNull();
    }

    /// <summary>A nullable text column of a <c>COPY</c> row (a label, a key kind).</summary>
    private static void WriteTextOrNull(NpgsqlBinaryImporter copy, string? text)
    {
        if (text is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(text, NpgsqlTypes.NpgsqlDbType.Text);
        }
    }

    private static async Task WriteTextOrNullAsync(NpgsqlBinaryImporter copy, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(text, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
        }
    }
}
