using System.Globalization;
using System.Text.Json;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    public async Task<PurgeTraces> PurgeRequesterTracesAsync(long caseId, string caseNumber, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();

        // A requester message belongs to the case by its key (outcome:DECISION) or by the case number in its payload
        // (the Art 23 warnings and suspensions); payloads are sealed, so they are opened here, never in SQL.
        HashSet<string> outcomeKeys = (await QueryAsync("SELECT id FROM decisions WHERE case_id = @case", r => r.GetInt64(0), cancellationToken, Arg.Of("case", caseId)))
            .Select(id => "outcome:" + id.ToString(CultureInfo.InvariantCulture))
            .ToHashSet(StringComparer.Ordinal);
        List<(long Id, string Payload, string Key, bool Delivered)> messages = await QueryAsync(
            $"SELECT id, payload, idempotency_key, delivered_at FROM outbox WHERE topic = '{RequesterTopic}' AND payload <> '{{}}' ORDER BY id",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2), !r.IsDBNull(3)), cancellationToken);
        var cancelled = new List<string>();
        int emptied = 0;
        foreach ((long id, string payload, string key, bool delivered) in messages)
        {
            if (!outcomeKeys.Contains(key) && !NamesCase(OpenPayload(payload, key), caseNumber))
            {
                continue;
            }

            if (delivered)
            {
                await ExecuteAsync("UPDATE outbox SET payload = '{}' WHERE id = @id", cancellationToken, Arg.Of("id", id));
                emptied++;
            }
            else
            {
                await ExecuteAsync("DELETE FROM outbox WHERE id = @id AND delivered_at IS NULL", cancellationToken, Arg.Of("id", id));
                cancelled.Add(key);
            }
        }

        string marker = PurgeTraces.NoteMarker(at);
        List<long> notes = await QueryAsync("SELECT id FROM notes WHERE case_id = @case AND body <> @marker ORDER BY id", r => r.GetInt64(0), cancellationToken,
            Arg.Of("case", caseId), Arg.Of("marker", marker));
        if (notes.Count > 0)
        {
            await ExecuteAsync("UPDATE notes SET body = @marker WHERE case_id = @case AND body <> @marker", cancellationToken, Arg.Of("case", caseId), Arg.Of("marker", marker));
        }

        return new PurgeTraces(cancelled, emptied, notes);
    }

    private static bool NamesCase(string payload, string caseNumber)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("caseNumber", out JsonElement value)
                && value.ValueKind == JsonValueKind.String
                && value.ValueEquals(caseNumber);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
