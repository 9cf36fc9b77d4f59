using System.Data.Common;
using Takedown.Data.Protection;

namespace Takedown.Data.Sql;

/// <summary>
/// The start-up step that brings every case's personal-data fields to the current data key: plain values from before
/// encryption and values under an older key are re-encrypted. Runs inside the migration transaction (under the
/// migration lock), so concurrent nodes do it once.
/// </summary>
internal static class CaseFieldEncryption
{
    private const int BatchSize = 500;

    /// <summary>Re-encrypts what needs it; returns the number of rows changed.</summary>
    /// <exception cref="DataKeyException">A value is under a key that is not configured, or fails authentication.</exception>
    public static async Task<int> ReencryptAsync(
        DbConnection connection, DbTransaction transaction, FieldCipher cipher, string lockRows, CancellationToken cancellationToken)
    {
        string[] columns = SqlSession.ProtectedCaseColumns;

        // A value needs work unless it is null or already under the current key. The prefix contains no LIKE wildcards
        // (tdenc1:, hex, colon).
        string stale = string.Join(" OR ", columns.Select(c => $"({c} IS NOT NULL AND {c} NOT LIKE @current)"));
        string select = $"SELECT id, case_number, {string.Join(", ", columns)} FROM cases WHERE id > @after AND ({stale}) ORDER BY id LIMIT {BatchSize}{lockRows}";
        string update = $"UPDATE cases SET {string.Join(", ", columns.Select((c, i) => $"{c} = @v{i}"))} WHERE id = @id";
        int changed = 0;
        long after = 0;
        while (true)
        {
            var rows = new List<(long Id, string CaseNumber, string?[] Values)>();
            using (DbCommand command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = select;
                Add(command, "current", cipher.CurrentPrefix + "%");
                Add(command, "after", after);
                await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    string?[] values = new string?[columns.Length];
                    for (int i = 0; i < columns.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i + 2) ? null : reader.GetString(i + 2);
                    }

                    rows.Add((reader.GetInt64(0), reader.GetString(1), values));
                }
            }

            if (rows.Count == 0)
            {
                return changed;
            }

            foreach ((long id, string caseNumber, string?[] values) in rows)
            {
                using DbCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = update;
                Add(command, "id", id);
                for (int i = 0; i < columns.Length; i++)
                {
                    string context = SqlSession.CaseFieldContext(columns[i], caseNumber);
                    string? value = values[i];
                    if (value is not null && !value.StartsWith(cipher.CurrentPrefix, StringComparison.Ordinal))
                    {
                        value = cipher.Protect(cipher.Unprotect(value, context), context);
                    }

                    Add(command, "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                changed++;
                after = id;
            }
        }
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = value is long ? System.Data.DbType.Int64 : System.Data.DbType.String;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
