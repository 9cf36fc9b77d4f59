using System.Data.Common;
using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Core.Requests;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    private const string CaseColumns =
        "id, case_number, status, jurisdiction, received_at, due_at, completed_at, token_hash, signature_name, signature_attested, " +
        "good_faith_statement, good_faith_attested, description, contact_email, contact_other, requester_role, ai_generated, missing, " +
        "claimed_by, claimed_at, warning_level, breached_at, closed_at, minor, senior_review, duplicate_of, channel, priority, purged_at";

    private const string AwaitingStatuses = "('incomplete', 'open', 'information_requested', 'provisionally_removed')";

    public async Task<CaseRecord> InsertCaseAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        EnsureWrite();
        RemovalRequest r = newCase.Request;
        long id = await ScalarAsync(
            """
            INSERT INTO cases (case_number, status, jurisdiction, received_at, due_at, completed_at, token_hash, signature_name,
                signature_attested, good_faith_statement, good_faith_attested, description, contact_email, contact_other,
                requester_role, ai_generated, missing, warning_level, channel, priority)
            VALUES (@number, @status, @jurisdiction, @received, @due, @completed, @token, @signature, @signatureAttested, @goodFaith,
                @goodFaithAttested, @description, @email, @other, @role, @ai, @missing, 0, @channel, @priority)
            RETURNING id
            """,
            cancellationToken,
            Arg.Of("number", newCase.CaseNumber), Arg.Of("status", newCase.Status.ToWire()), Arg.Of("jurisdiction", newCase.Jurisdiction),
            Arg.Of("received", newCase.ReceivedAt), Arg.Of("due", newCase.DueAt), Arg.Of("completed", newCase.CompletedAt),
            Arg.Of("token", newCase.TokenHash), Arg.Of("signature", Seal(r.SignatureName, SignatureColumn, newCase.CaseNumber)),
            Arg.Of("signatureAttested", r.SignatureAttested), Arg.Of("goodFaith", Seal(r.GoodFaithStatement, GoodFaithColumn, newCase.CaseNumber)),
            Arg.Of("goodFaithAttested", r.GoodFaithAttested), Arg.Of("description", Seal(r.Description, DescriptionColumn, newCase.CaseNumber)),
            Arg.Of("email", Seal(r.ContactEmail, EmailColumn, newCase.CaseNumber)), Arg.Of("other", Seal(r.ContactOther, OtherContactColumn, newCase.CaseNumber)),
            Arg.Of("role", r.RequesterRole),
            Arg.Of("ai", r.AiGenerated is null ? null : r.AiGenerated.Value ? 1L : 0L), Arg.Of("missing", newCase.Missing),
            Arg.Of("channel", newCase.Channel), Arg.Of("priority", (long)newCase.Priority));
        return (await GetCaseAsync(id, cancellationToken))!;
    }

    public Task<CaseRecord?> GetCaseAsync(string caseNumber, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {CaseColumns} FROM cases WHERE case_number = @number", MapCase, cancellationToken, Arg.Of("number", caseNumber));

    public Task<CaseRecord?> GetCaseAsync(long caseId, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {CaseColumns} FROM cases WHERE id = @id", MapCase, cancellationToken, Arg.Of("id", caseId));

    public async Task UpdateCaseRequestAsync(long caseId, RemovalRequest request, string missing, DateTimeOffset? completedAt, CancellationToken cancellationToken)
    {
        EnsureWrite();
        string caseNumber = (await QuerySingleAsync("SELECT case_number FROM cases WHERE id = @id", r => r.GetString(0), cancellationToken, Arg.Of("id", caseId)))
            ?? throw new InvalidOperationException("No such case.");
        await ExecuteAsync(
            """
            UPDATE cases SET signature_name = @signature, signature_attested = @signatureAttested, good_faith_statement = @goodFaith,
                good_faith_attested = @goodFaithAttested, description = @description, contact_email = @email, contact_other = @other,
                requester_role = @role, ai_generated = @ai, missing = @missing, completed_at = @completed
            WHERE id = @id
            """,
            cancellationToken,
            Arg.Of("id", caseId), Arg.Of("signature", Seal(request.SignatureName, SignatureColumn, caseNumber)), Arg.Of("signatureAttested", request.SignatureAttested),
            Arg.Of("goodFaith", Seal(request.GoodFaithStatement, GoodFaithColumn, caseNumber)), Arg.Of("goodFaithAttested", request.GoodFaithAttested),
            Arg.Of("description", Seal(request.Description, DescriptionColumn, caseNumber)), Arg.Of("email", Seal(request.ContactEmail, EmailColumn, caseNumber)),
            Arg.Of("other", Seal(request.ContactOther, OtherContactColumn, caseNumber)),
            Arg.Of("role", request.RequesterRole), Arg.Of("ai", request.AiGenerated is null ? null : request.AiGenerated.Value ? 1L : 0L),
            Arg.Of("missing", missing), Arg.Of("completed", completedAt));
    }

    public async Task SetCaseStatusAsync(long caseId, CaseStatus from, CaseStatus target, DateTimeOffset? closedAt, CancellationToken cancellationToken)
    {
        EnsureWrite();
        CaseStateMachine.EnsureCanMove(from, target);
        int changed = closedAt is null
            ? await ExecuteAsync("UPDATE cases SET status = @to WHERE id = @id AND status = @from", cancellationToken,
                Arg.Of("id", caseId), Arg.Of("from", from.ToWire()), Arg.Of("to", target.ToWire()))
            : await ExecuteAsync("UPDATE cases SET status = @to, closed_at = @closed WHERE id = @id AND status = @from", cancellationToken,
                Arg.Of("id", caseId), Arg.Of("from", from.ToWire()), Arg.Of("to", target.ToWire()), Arg.Of("closed", closedAt));
        if (changed != 1)
        {
            throw new ConflictException("The case changed meanwhile; reload it and try again.");
        }
    }

    public async Task<bool> ClaimCaseAsync(long caseId, string moderator, DateTimeOffset at, bool force, CancellationToken cancellationToken)
    {
        EnsureWrite();
        string sql = force
            ? "UPDATE cases SET claimed_by = @who, claimed_at = @at WHERE id = @id"
            : "UPDATE cases SET claimed_by = @who, claimed_at = @at WHERE id = @id AND (claimed_by IS NULL OR claimed_by = @who)";
        return await ExecuteAsync(sql, cancellationToken, Arg.Of("id", caseId), Arg.Of("who", moderator), Arg.Of("at", at)) == 1;
    }

    public async Task SetWarningLevelAsync(long caseId, int level, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE cases SET warning_level = @level WHERE id = @id", cancellationToken, Arg.Of("id", caseId), Arg.Of("level", (long)level));
    }

    public async Task SetBreachedAsync(long caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE cases SET breached_at = @at WHERE id = @id AND breached_at IS NULL", cancellationToken, Arg.Of("id", caseId), Arg.Of("at", at));
    }

    public async Task<IReadOnlyList<CaseRecord>> ListQueueAsync(int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"""
            SELECT {CaseColumns} FROM cases c
            WHERE c.status IN {AwaitingStatuses}
               OR EXISTS (SELECT 1 FROM items i WHERE i.case_id = c.id AND i.status = 'needs_review')
            ORDER BY CASE WHEN c.breached_at IS NULL THEN 1 ELSE 0 END, c.due_at, c.received_at, c.id
            LIMIT @limit
            """,
            MapCase, cancellationToken, Arg.Of("limit", (long)limit));

    public async Task<IReadOnlyList<CaseRecord>> ListOpenDeadlinesAsync(CancellationToken cancellationToken) =>
        await QueryAsync(
            $"""
            SELECT {CaseColumns} FROM cases c
            WHERE c.breached_at IS NULL
              AND (c.status IN ('incomplete', 'open', 'information_requested')
                   OR EXISTS (SELECT 1 FROM items i WHERE i.case_id = c.id AND i.status IN ('needs_review', 'pending')))
            ORDER BY c.due_at, c.id
            """,
            MapCase, cancellationToken);

    private CaseRecord MapCase(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        CaseNumber = r.GetString(1),
        Status = WireNames.ParseCaseStatus(r.GetString(2)),
        Jurisdiction = r.GetString(3),
        ReceivedAt = Time(r, 4),
        DueAt = Time(r, 5),
        CompletedAt = TimeOrNull(r, 6),
        TokenHash = Bytes(r, 7),
        SignatureName = Open(StringOrNull(r, 8), SignatureColumn, r.GetString(1)),
        SignatureAttested = r.GetInt64(9) != 0,
        GoodFaithStatement = Open(StringOrNull(r, 10), GoodFaithColumn, r.GetString(1)),
        GoodFaithAttested = r.GetInt64(11) != 0,
        Description = Open(StringOrNull(r, 12), DescriptionColumn, r.GetString(1)),
        ContactEmail = Open(StringOrNull(r, 13), EmailColumn, r.GetString(1)),
        ContactOther = Open(StringOrNull(r, 14), OtherContactColumn, r.GetString(1)),
        RequesterRole = StringOrNull(r, 15),
        AiGenerated = r.IsDBNull(16) ? null : r.GetInt64(16) != 0,
        Missing = r.GetString(17),
        ClaimedBy = StringOrNull(r, 18),
        ClaimedAt = TimeOrNull(r, 19),
        WarningLevel = (int)r.GetInt64(20),
        BreachedAt = TimeOrNull(r, 21),
        ClosedAt = TimeOrNull(r, 22),
        Minor = r.GetInt64(23) != 0,
        SeniorReview = r.GetInt64(24) != 0,
        DuplicateOf = StringOrNull(r, 25),
        Channel = r.GetString(26),
        Priority = (int)r.GetInt64(27),
        PurgedAt = TimeOrNull(r, 28),
    };
}
