using System.Data.Common;
using Takedown.Core.Audit;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    private const string AuditColumns = "seq, at, actor, action, case_number, detail, prev_hash, hash";

    public async Task<AuditEvent> AppendAuditAsync(string actor, string action, string? caseNumber, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        AuditEvent? last = await QuerySingleAsync($"SELECT {AuditColumns} FROM audit_events ORDER BY seq DESC LIMIT 1", MapAudit, cancellationToken);
        long sequence = (last?.Sequence ?? 0) + 1;
        ReadOnlyMemory<byte> previous = last?.Hash ?? AuditChain.Genesis;

        // Stored times have millisecond precision; hash what is stored so verification after reading matches.
        DateTimeOffset stored = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        byte[] hash = AuditChain.ComputeHash(previous.Span, sequence, stored, actor, action, caseNumber, detail);
        await ExecuteAsync(
            "INSERT INTO audit_events (seq, at, actor, action, case_number, detail, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @case, @detail, @prev, @hash)",
            cancellationToken, Arg.Of("seq", sequence), Arg.Of("at", stored), Arg.Of("actor", actor), Arg.Of("action", action),
            Arg.Of("case", caseNumber), Arg.Of("detail", detail), Arg.Of("prev", previous.ToArray()), Arg.Of("hash", hash));
        return new AuditEvent(sequence, stored, actor, action, caseNumber, detail, previous, hash);
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {AuditColumns} FROM audit_events WHERE seq >= @from ORDER BY seq LIMIT @limit", MapAudit, cancellationToken,
            Arg.Of("from", fromSequence), Arg.Of("limit", (long)limit));

    public async Task<IReadOnlyList<AuditEvent>> ReadAuditForCaseAsync(string caseNumber, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {AuditColumns} FROM audit_events WHERE case_number = @case ORDER BY seq", MapAudit, cancellationToken, Arg.Of("case", caseNumber));

    public async Task<IReadOnlyList<AuditEvent>> ReadAuditByActionAsync(string action, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {AuditColumns} FROM audit_events WHERE action = @action ORDER BY seq DESC LIMIT @limit", MapAudit, cancellationToken,
            Arg.Of("action", action), Arg.Of("limit", (long)limit));

    private static AuditEvent MapAudit(DbDataReader r) => new(
        r.GetInt64(0), Time(r, 1), r.GetString(2), r.GetString(3), StringOrNull(r, 4), r.GetString(5), Bytes(r, 6), Bytes(r, 7));
}
