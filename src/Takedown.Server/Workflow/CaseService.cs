using System.Text.Json;
using Microsoft.Extensions.Options;
using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Core.Jurisdictions;
using Takedown.Core.Media;
using Takedown.Core.Platform;
using Takedown.Core.Requests;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;
using Takedown.Server.Matching;

namespace Takedown.Server.Workflow;

/// <summary>
/// The takedown workflow: intake, requester status, moderation, removal with banking, withdrawal and appeals.
/// Every change is one unit of work that also appends its audit events and queues its side effects (connector
/// calls, notifications) in the outbox, so a crash never leaves a change half-applied.
/// </summary>
public sealed partial class CaseService(
    ITakedownStore store,
    IPlatformConnector connector,
    IMediaHasher hasher,
    JurisdictionCatalog jurisdictions,
    BankIndex index,
    OutboxDispatcher outbox,
    CopySweeper sweeper,
    IOptions<TakedownOptions> options,
    TimeProvider time,
    ILogger<CaseService> logger)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private TakedownOptions Options => options.Value;

    private static async Task<CaseRecord> RequireCaseAsync(ITakedownSession session, string caseNumber, CancellationToken cancellationToken) =>
        await session.GetCaseAsync(caseNumber, cancellationToken) ?? throw new NotFoundException("No such case.");

    /// <summary>After a commit: carry out queued side effects now and bring the local index up to date.</summary>
    private async Task AfterCommitAsync(bool sweep, CancellationToken cancellationToken)
    {
        await outbox.DispatchDueAsync(cancellationToken);
        await index.SyncAsync(store, cancellationToken);
        if (sweep)
        {
            sweeper.Signal();
        }
    }

    private static List<MissingView> ParseMissing(string json)
    {
        List<MissingElement> missing = JsonSerializer.Deserialize<List<MissingElement>>(json, s_json) ?? [];
        return missing.Select(ToView).ToList();
    }

    private static MissingView ToView(MissingElement m) => new(m.Element switch
    {
        StatutoryElement.Signature => "signature",
        StatutoryElement.ContentLocation => "content_location",
        StatutoryElement.GoodFaithStatement => "good_faith_statement",
        _ => "contact",
    }, m.Field, m.Message);

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, s_json);

    /// <summary>Banks an item's hashes in the current unit of work; returns how many entries were added.</summary>
    private async Task<int> BankAsync(ITakedownSession session, CaseRecord c, long itemId, MediaHashes hashes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int added = 0;
        if (hashes.Sha256 is not null)
        {
            await session.InsertBankEntryAsync(c.Id, c.CaseNumber, itemId, HashKind.Sha256, hashes.Sha256, 0, now, cancellationToken);
            added++;
        }

        if (hashes.Md5 is not null)
        {
            await session.InsertBankEntryAsync(c.Id, c.CaseNumber, itemId, HashKind.Md5, hashes.Md5, 0, now, cancellationToken);
            added++;
        }

        if (hashes.Pdq is { } pdq && hashes.PdqQuality >= Options.MinPdqQuality)
        {
            await session.InsertBankEntryAsync(c.Id, c.CaseNumber, itemId, HashKind.Pdq, pdq.ToString(), hashes.PdqQuality, now, cancellationToken);
            added++;
        }

        // A video is one entry holding all its frame hashes; banked only when some frame is good enough to match.
        if (hashes.Vpdq is { Count: > 0 } frames && frames.Any(f => f.Quality >= Options.MinPdqQuality))
        {
            int quality = (int)Math.Round(frames.Average(f => f.Quality));
            await session.InsertBankEntryAsync(c.Id, c.CaseNumber, itemId, HashKind.Vpdq, VpdqValue.Format(frames), quality, now, cancellationToken);
            added++;
        }

        return added;
    }

    private static Task<bool> QueueConnectorAsync(ITakedownSession session, string action, ItemRecord item, string caseNumber, string keySuffix, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.EnqueueAsync(
            "connector." + action,
            Serialize(new ConnectorAction(item.ContentId!, caseNumber, item.Id)),
            $"{action}:{item.Id}:{keySuffix}",
            now,
            cancellationToken);

    private sealed record ConnectorAction(string ContentId, string CaseNumber, long ItemId);
}
