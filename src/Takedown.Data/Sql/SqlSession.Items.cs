using System.Data.Common;
using Takedown.Core.Cases;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    private const string ItemColumns = "id, case_id, location, content_id, origin, status, source_item_id, distance, created_at, removed_at, restored_at";
    private const string DecisionColumns = "id, case_id, item_id, kind, reason, actor, automation, decided_at";
    private const string AppealColumns = "id, case_id, item_id, statement, status, filed_at, decided_at, decided_by, reason";

    public async Task<ItemRecord> InsertItemAsync(long caseId, string location, string? contentId, ItemOrigin origin, ItemStatus status, long? sourceItemId, int? distance, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        long id = await ScalarAsync(
            """
            INSERT INTO items (case_id, location, content_id, origin, status, source_item_id, distance, created_at, removed_at)
            VALUES (@case, @location, @content, @origin, @status, @source, @distance, @at, @removed)
            RETURNING id
            """,
            cancellationToken,
            Arg.Of("case", caseId), Arg.Of("location", location), Arg.Of("content", contentId), Arg.Of("origin", origin.ToWire()),
            Arg.Of("status", status.ToWire()), Arg.Of("source", sourceItemId), Arg.Of("distance", (long?)distance), Arg.Of("at", at),
            Arg.Of("removed", status is ItemStatus.Removed or ItemStatus.ProvisionallyRemoved ? at : null));
        return (await GetItemAsync(id, cancellationToken))!;
    }

    public async Task<IReadOnlyList<ItemRecord>> ListItemsAsync(long caseId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {ItemColumns} FROM items WHERE case_id = @case ORDER BY id", MapItem, cancellationToken, Arg.Of("case", caseId));

    public Task<ItemRecord?> GetItemAsync(long itemId, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {ItemColumns} FROM items WHERE id = @id", MapItem, cancellationToken, Arg.Of("id", itemId));

    public async Task SetItemStatusAsync(long itemId, ItemStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        string stamp = status switch
        {
            ItemStatus.Removed or ItemStatus.ProvisionallyRemoved => ", removed_at = COALESCE(removed_at, @at)",
            ItemStatus.Restored => ", restored_at = @at",
            _ => string.Empty,
        };
        await ExecuteAsync($"UPDATE items SET status = @status{stamp} WHERE id = @id", cancellationToken,
            Arg.Of("id", itemId), Arg.Of("status", status.ToWire()), Arg.Of("at", at));
    }

    public async Task<IReadOnlyList<ItemRecord>> FindItemsByContentIdAsync(string contentId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {ItemColumns} FROM items WHERE content_id = @content ORDER BY id", MapItem, cancellationToken, Arg.Of("content", contentId));

    public async Task<DecisionRecord> InsertDecisionAsync(long caseId, long? itemId, string kind, string? reason, string actor, string automation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        long id = await ScalarAsync(
            "INSERT INTO decisions (case_id, item_id, kind, reason, actor, automation, decided_at) VALUES (@case, @item, @kind, @reason, @actor, @automation, @at) RETURNING id",
            cancellationToken,
            Arg.Of("case", caseId), Arg.Of("item", itemId), Arg.Of("kind", kind), Arg.Of("reason", reason), Arg.Of("actor", actor),
            Arg.Of("automation", automation), Arg.Of("at", at));
        return new DecisionRecord(id, caseId, itemId, kind, reason, actor, automation, at);
    }

    public async Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(long caseId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {DecisionColumns} FROM decisions WHERE case_id = @case ORDER BY id",
            r => new DecisionRecord(r.GetInt64(0), r.GetInt64(1), LongOrNull(r, 2), r.GetString(3), StringOrNull(r, 4), r.GetString(5), r.GetString(6), Time(r, 7)),
            cancellationToken, Arg.Of("case", caseId));

    public async Task<NoteRecord> InsertNoteAsync(long caseId, string author, string body, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        long id = await ScalarAsync("INSERT INTO notes (case_id, author, body, created_at) VALUES (@case, @author, @body, @at) RETURNING id",
            cancellationToken, Arg.Of("case", caseId), Arg.Of("author", author), Arg.Of("body", body), Arg.Of("at", at));
        return new NoteRecord(id, caseId, author, body, at);
    }

    public async Task<IReadOnlyList<NoteRecord>> ListNotesAsync(long caseId, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, case_id, author, body, created_at FROM notes WHERE case_id = @case ORDER BY id",
            r => new NoteRecord(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Time(r, 4)), cancellationToken, Arg.Of("case", caseId));

    public async Task<AppealRecord> InsertAppealAsync(long caseId, long itemId, string statement, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        long id = await ScalarAsync("INSERT INTO appeals (case_id, item_id, statement, status, filed_at) VALUES (@case, @item, @statement, 'pending', @at) RETURNING id",
            cancellationToken, Arg.Of("case", caseId), Arg.Of("item", itemId), Arg.Of("statement", statement), Arg.Of("at", at));
        return new AppealRecord(id, caseId, itemId, statement, AppealStatus.Pending, at, null, null, null);
    }

    public Task<AppealRecord?> GetAppealAsync(long appealId, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {AppealColumns} FROM appeals WHERE id = @id", MapAppeal, cancellationToken, Arg.Of("id", appealId));

    public async Task DecideAppealAsync(long appealId, AppealStatus status, string decidedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        int changed = await ExecuteAsync(
            "UPDATE appeals SET status = @status, decided_by = @by, reason = @reason, decided_at = @at WHERE id = @id AND status = 'pending'",
            cancellationToken, Arg.Of("id", appealId), Arg.Of("status", status.ToWire()), Arg.Of("by", decidedBy), Arg.Of("reason", reason), Arg.Of("at", at));
        if (changed != 1)
        {
            throw new Takedown.Core.ConflictException("The appeal was already decided.");
        }
    }

    public async Task<IReadOnlyList<AppealRecord>> ListPendingAppealsAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {AppealColumns} FROM appeals WHERE status = 'pending' ORDER BY id", MapAppeal, cancellationToken);

    private static ItemRecord MapItem(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), StringOrNull(r, 3), WireNames.ParseItemOrigin(r.GetString(4)),
        WireNames.ParseItemStatus(r.GetString(5)), LongOrNull(r, 6), r.IsDBNull(7) ? null : (int)r.GetInt64(7), Time(r, 8), TimeOrNull(r, 9), TimeOrNull(r, 10));

    private static AppealRecord MapAppeal(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), WireNames.ParseAppealStatus(r.GetString(4)), Time(r, 5), TimeOrNull(r, 6),
        StringOrNull(r, 7), StringOrNull(r, 8));
}
