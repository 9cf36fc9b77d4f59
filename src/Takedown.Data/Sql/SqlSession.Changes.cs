using System.Data.Common;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>
/// Reading the bank change sequence, with the range rows of bulk imports (migration 0010) expanded into their single
/// changes: a range row (<c>span</c> not null) at sequence number <c>seq</c> stands for the additions of the signals
/// <c>-entry_id</c> .. <c>-entry_id + span - 1</c> at sequence numbers <c>seq - span + 1</c> .. <c>seq</c>.
/// </summary>
internal sealed partial class SqlSession
{
    /// <summary>The kind written on a range row (its signals carry their own kinds).</summary>
    internal const string RangeKind = "range";

    public async Task<IReadOnlyList<BankChange>> ReadBankChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var changes = new List<BankChange>(Math.Min(limit, 4096));
        long after = afterSequence;
        while (changes.Count < limit)
        {
            int wanted = limit - changes.Count;
            List<ChangeRow> rows = await QueryAsync(
                "SELECT seq, entry_id, added, kind, value, hash, case_number, span FROM bank_changes WHERE seq > @after ORDER BY seq LIMIT @limit",
                MapChangeRow, cancellationToken, Arg.Of("after", after), Arg.Of("limit", (long)wanted));
            foreach (ChangeRow row in rows)
            {
                if (row.Single is { } single)
                {
                    changes.Add(single);
                }
                else
                {
                    await ExpandRangeAsync(row, after, limit, changes, cancellationToken);
                }

                after = row.Sequence;
                if (changes.Count == limit)
                {
                    return changes;
                }
            }

            // Fewer rows than asked for: the sequence is exhausted. (A range whose signals were deleted since may
            // have given fewer changes than rows; then the next rows are read.)
            if (rows.Count < wanted)
            {
                break;
            }
        }

        return changes;
    }

    /// <summary>
    /// Appends the single changes of a range row after sequence number <paramref name="after"/>, until
    /// <paramref name="changes"/> holds <paramref name="limit"/>: one primary-key range read of the signal rows and one
    /// of the key signals (migration 0011) per call. Signals deleted since the import are skipped (their removal is a
    /// later single row of its own).
    /// </summary>
    private async Task ExpandRangeAsync(ChangeRow row, long after, int limit, List<BankChange> changes, CancellationToken cancellationToken)
    {
        long firstSequence = row.Sequence - row.Span + 1;
        long firstSignal = -row.EntryId;
        for (long start = Math.Max(firstSequence, after + 1); start <= row.Sequence && changes.Count < limit;)
        {
            long count = Math.Min(row.Sequence - start + 1, limit - changes.Count);
            long low = firstSignal + (start - firstSequence);
            List<BankChange> expanded = await QueryAsync(
                AllSignalsWhere("id >= @low AND id <= @high", "c.id >= @low AND c.id <= @high") + " ORDER BY 1",
                r => new BankChange(firstSequence + (r.GetInt64(0) - firstSignal), -r.GetInt64(0), true, ParseKind(r.GetString(1)), SignalValue(r, 2), row.CaseNumber),
                cancellationToken, Arg.Of("low", low), Arg.Of("high", low + count - 1));
            changes.AddRange(expanded);
            start += count;
        }
    }

    private static ChangeRow MapChangeRow(DbDataReader r)
    {
        long sequence = r.GetInt64(0), entry = r.GetInt64(1);
        string caseNumber = r.GetString(6);
        return r.IsDBNull(7)
            ? new ChangeRow(sequence, entry, 0, caseNumber, new BankChange(sequence, entry, r.GetInt64(2) != 0, ParseKind(r.GetString(3)), SignalValue(r, 4), caseNumber))
            : new ChangeRow(sequence, entry, r.GetInt64(7), caseNumber, null);
    }

    /// <summary>One stored row: a single change, or a range (<see cref="Single"/> null) of <see cref="Span"/> additions.</summary>
    private sealed record ChangeRow(long Sequence, long EntryId, long Span, string CaseNumber, BankChange? Single);
}
