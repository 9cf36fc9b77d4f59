using System.Data.Common;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    private const string OutboxColumns = "id, topic, payload, idempotency_key, attempts, next_attempt_at, delivered_at, last_error";

    public async Task<bool> EnqueueAsync(string topic, string payload, string idempotencyKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        int inserted = await ExecuteAsync(
            """
            INSERT INTO outbox (topic, payload, idempotency_key, created_at, next_attempt_at, attempts)
            VALUES (@topic, @payload, @key, @at, @at, 0)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            cancellationToken, Arg.Of("topic", topic), Arg.Of("payload", SealPayload(topic, payload, idempotencyKey)), Arg.Of("key", idempotencyKey), Arg.Of("at", at));
        return inserted == 1;
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {OutboxColumns} FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT @limit",
            MapOutbox, cancellationToken, Arg.Of("now", now), Arg.Of("limit", (long)limit));

    public async Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE outbox SET delivered_at = @at, attempts = attempts + 1, last_error = NULL WHERE id = @id", cancellationToken, Arg.Of("id", id), Arg.Of("at", at));
    }

    public async Task MarkFailedAsync(long id, int attempts, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE outbox SET attempts = @attempts, next_attempt_at = @next, last_error = @error WHERE id = @id", cancellationToken,
            Arg.Of("id", id), Arg.Of("attempts", (long)attempts), Arg.Of("next", nextAttemptAt), Arg.Of("error", failure));
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListUndeliveredAsync(string topicPrefix, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {OutboxColumns} FROM outbox WHERE delivered_at IS NULL AND topic LIKE @prefix ORDER BY id",
            MapOutbox, cancellationToken, Arg.Of("prefix", topicPrefix + "%"));

    public async Task EnqueueSweepAsync(long caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("INSERT INTO sweeps (case_id, requested_at) VALUES (@case, @at)", cancellationToken, Arg.Of("case", caseId), Arg.Of("at", at));
    }

    public async Task<IReadOnlyList<SweepRecord>> ListPendingSweepsAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, case_id, requested_at FROM sweeps WHERE done_at IS NULL ORDER BY id",
            r => new SweepRecord(r.GetInt64(0), r.GetInt64(1), Time(r, 2)), cancellationToken);

    public async Task MarkSweepDoneAsync(long sweepId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE sweeps SET done_at = @at WHERE id = @id", cancellationToken, Arg.Of("id", sweepId), Arg.Of("at", at));
    }

    private OutboxMessage MapOutbox(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), OpenPayload(r.GetString(2), r.GetString(3)), r.GetString(3), (int)r.GetInt64(4), Time(r, 5), TimeOrNull(r, 6), StringOrNull(r, 7));
}
