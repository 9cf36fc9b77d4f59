using System.Data.Common;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    public async Task<BankEntry> InsertBankEntryAsync(long caseId, string caseNumber, long? itemId, HashKind kind, string value, int quality, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        string kindName = KindName(kind);
        long id = await ScalarAsync(
            "INSERT INTO bank_entries (case_id, item_id, kind, value, quality, active, added_at) VALUES (@case, @item, @kind, @value, @quality, 1, @at) RETURNING id",
            cancellationToken, Arg.Of("case", caseId), Arg.Of("item", itemId), Arg.Of("kind", kindName), Arg.Of("value", value),
            Arg.Of("quality", (long)quality), Arg.Of("at", at));
        await ExecuteAsync(
            "INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at) VALUES (@entry, 1, @kind, @value, @case, @at)",
            cancellationToken, Arg.Of("entry", id), Arg.Of("kind", kindName), Arg.Of("value", value), Arg.Of("case", caseNumber), Arg.Of("at", at));
        return new BankEntry(id, caseId, itemId, kind, value, quality, true, at);
    }

    public async Task<int> ReleaseBankEntriesAsync(long caseId, string caseNumber, long? itemId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        IReadOnlyList<BankEntry> active = await ListBankEntriesAsync(caseId, cancellationToken);
        int released = 0;
        foreach (BankEntry entry in active)
        {
            if (itemId is not null && entry.ItemId != itemId)
            {
                continue;
            }

            await ExecuteAsync("UPDATE bank_entries SET active = 0, released_at = @at WHERE id = @id", cancellationToken, Arg.Of("id", entry.Id), Arg.Of("at", at));
            await ExecuteAsync(
                "INSERT INTO bank_changes (entry_id, added, kind, value, case_number, changed_at) VALUES (@entry, 0, @kind, @value, @case, @at)",
                cancellationToken, Arg.Of("entry", entry.Id), Arg.Of("kind", KindName(entry.Kind)), Arg.Of("value", entry.Value),
                Arg.Of("case", caseNumber), Arg.Of("at", at));
            released++;
        }

        return released;
    }

    public async Task<IReadOnlyList<BankEntry>> ListBankEntriesAsync(long caseId, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT id, case_id, item_id, kind, value, quality, active, added_at FROM bank_entries WHERE case_id = @case AND active = 1 ORDER BY id",
            r => new BankEntry(r.GetInt64(0), r.GetInt64(1), LongOrNull(r, 2), ParseKind(r.GetString(3)), r.GetString(4), (int)r.GetInt64(5), r.GetInt64(6) != 0, Time(r, 7)),
            cancellationToken, Arg.Of("case", caseId));

    public async Task UpsertContentAsync(IReadOnlyList<ContentRecord> content, CancellationToken cancellationToken)
    {
        EnsureWrite();
        foreach (ContentRecord c in content)
        {
            await ExecuteAsync(
                """
                INSERT INTO platform_content (content_id, sha256, md5, pdq, vpdq, registered_at) VALUES (@content, @sha, @md5, @pdq, @vpdq, @at)
                ON CONFLICT (content_id) DO UPDATE SET sha256 = excluded.sha256, md5 = excluded.md5, pdq = excluded.pdq, vpdq = excluded.vpdq, registered_at = excluded.registered_at
                """,
                cancellationToken, Arg.Of("content", c.ContentId), Arg.Of("sha", c.Sha256), Arg.Of("md5", c.Md5), Arg.Of("pdq", c.Pdq), Arg.Of("vpdq", c.Vpdq),
                Arg.Of("at", c.RegisteredAt));
        }
    }

    public async Task<IReadOnlyList<ContentRecord>> ListContentAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT id, content_id, sha256, md5, pdq, registered_at, vpdq FROM platform_content WHERE id > @after ORDER BY id LIMIT @limit",
            r => new ContentRecord(r.GetInt64(0), r.GetString(1), StringOrNull(r, 2), StringOrNull(r, 3), StringOrNull(r, 4), Time(r, 5)) { Vpdq = StringOrNull(r, 6) },
            cancellationToken, Arg.Of("after", afterId), Arg.Of("limit", (long)limit));

    private static string KindName(HashKind kind) => kind switch
    {
        HashKind.Pdq => "pdq",
        HashKind.Md5 => "md5",
        HashKind.Sha256 => "sha256",
        HashKind.Vpdq => "vpdq",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static HashKind ParseKind(string value) => value switch
    {
        "pdq" => HashKind.Pdq,
        "md5" => HashKind.Md5,
        "sha256" => HashKind.Sha256,
        "vpdq" => HashKind.Vpdq,
        _ => throw new FormatException($"Unknown hash kind '{value}'."),
    };
}
