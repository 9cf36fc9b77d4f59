using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Takedown.Core.Cases;
using Takedown.Core.Jurisdictions;
using Takedown.Core.Media;
using Takedown.Core.Platform;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Matching.Video;
using Takedown.Server.Hosting;

namespace Takedown.Server.Workflow;

/// <summary>
/// The copy search (DUP-1). For each queued sweep, the platform's content is compared with the case's banked
/// hashes: exact copies (SHA-256/MD5) are removed at once and recorded; near copies (PDQ within the review distance)
/// are queued for a moderator under the case's deadline. Content is hashed once and kept in the content registry
/// (which also holds uploads registered through <c>/check</c>), so later sweeps only hash what is new.
/// </summary>
public sealed class CopySweeper(
    ITakedownStore store,
    IPlatformConnector connector,
    IMediaHasher hasher,
    ContentRegistrar registrar,
    JurisdictionCatalog jurisdictions,
    IOptions<TakedownOptions> options,
    TimeProvider time,
    ILogger<CopySweeper> logger) : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>Asks the sweep job to run soon.</summary>
    public void Signal() => _signal.Release();

    /// <summary>Waits for a signal or the timeout.</summary>
    public async Task<bool> WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using CancellationTokenRegistration link = cancellationToken.Register(timeoutSource.Cancel);
        try
        {
            await _signal.WaitAsync(timeoutSource.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Runs every pending sweep; returns how many ran.</summary>
    public Task<int> RunPendingAsync(CancellationToken cancellationToken) => RunPendingAsync(null, cancellationToken);

    /// <summary>Runs every pending sweep, reporting the listing and each finished sweep; returns how many ran.</summary>
    public async Task<int> RunPendingAsync(IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await registrar.FlushAsync(cancellationToken);
            IReadOnlyList<SweepRecord> sweeps;
            await using (ITakedownSession read = await store.BeginAsync(write: false, cancellationToken))
            {
                sweeps = await read.ListPendingSweepsAsync(cancellationToken);
            }

            if (sweeps.Count == 0)
            {
                return 0;
            }

            Dictionary<string, ContentRecord> registry = await RefreshRegistryAsync(progress, cancellationToken);
            for (int i = 0; i < sweeps.Count; i++)
            {
                (string caseNumber, int exact, int near) = await SweepAsync(sweeps[i], registry, cancellationToken);
                progress?.Report(new SweepProgress(registry.Count, i + 1, sweeps.Count, caseNumber, exact, near));
            }

            return sweeps.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _gate.Dispose();
        _signal.Dispose();
    }

    /// <summary>Loads the registry and adds whatever the connector lists that is not in it yet (hashing it in memory).</summary>
    private async Task<Dictionary<string, ContentRecord>> RefreshRegistryAsync(IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        var registry = new Dictionary<string, ContentRecord>(StringComparer.Ordinal);
        await using (ITakedownSession read = await store.BeginAsync(write: false, cancellationToken))
        {
            for (long after = 0; ;)
            {
                IReadOnlyList<ContentRecord> page = await read.ListContentAsync(after, 10_000, cancellationToken);
                foreach (ContentRecord c in page)
                {
                    registry[c.ContentId] = c;
                }

                if (page.Count < 10_000)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        var added = new List<ContentRecord>();
        int listed = 0;
        await foreach (PlatformContent content in connector.ListAsync(cancellationToken))
        {
            if (++listed % 100 == 0)
            {
                progress?.Report(new SweepProgress(listed, 0, 0, null, 0, 0));
            }

            if (registry.ContainsKey(content.ContentId))
            {
                continue;
            }

            ContentRecord record;
            if (content.Sha256 is not null || content.Md5 is not null || content.Pdq is not null)
            {
                record = new ContentRecord(0, content.ContentId, content.Sha256, content.Md5, content.Pdq, time.GetUtcNow());
            }
            else
            {
                byte[]? media = await connector.FetchAsync(content.ContentId, cancellationToken);
                if (media is null)
                {
                    continue;
                }

                MediaHashes hashes = await hasher.HashAsync(media, cancellationToken);
                record = new ContentRecord(0, content.ContentId, hashes.Sha256, hashes.Md5,
                    hashes.Pdq is { } pdq && hashes.PdqQuality >= options.Value.MinPdqQuality ? pdq.ToString() : null, time.GetUtcNow())
                {
                    Vpdq = hashes.Vpdq is { Count: > 0 } frames ? VpdqValue.Format(frames) : null,
                };
            }

            registry[record.ContentId] = record;
            added.Add(record);
        }

        if (added.Count > 0)
        {
            await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
            await session.UpsertContentAsync(added, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        return registry;
    }

    private async Task<(string CaseNumber, int Exact, int Near)> SweepAsync(SweepRecord sweep, Dictionary<string, ContentRecord> registry, CancellationToken cancellationToken)
    {
        int exact = 0, near = 0;
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            CaseRecord c = (await session.GetCaseAsync(sweep.CaseId, cancellationToken))!;
            IReadOnlyList<BankEntry> bank = await session.ListBankEntriesAsync(c.Id, cancellationToken);
            IReadOnlyList<ItemRecord> items = await session.ListItemsAsync(c.Id, cancellationToken);
            var known = new HashSet<string>(items.Where(i => i.ContentId is not null).Select(i => i.ContentId!), StringComparer.Ordinal);
            var exactValues = new HashSet<string>(bank.Where(b => b.Kind is HashKind.Sha256 or HashKind.Md5).Select(b => b.Value), StringComparer.OrdinalIgnoreCase);
            List<(List<VideoFrameHash> Frames, BankEntry Entry)> videos = BankedVideos(bank);
            List<(PdqHash Hash, BankEntry Entry)> pdqs = bank.Where(b => b.Kind == HashKind.Pdq).Select(b => (PdqHash.Parse(b.Value), b)).ToList();
            DateTimeOffset now = time.GetUtcNow();
            string jurisdictionName = jurisdictions.Resolve(c.Jurisdiction).Name;

            if (bank.Count > 0 && c.Status is CaseStatus.Removed or CaseStatus.ProvisionallyRemoved)
            {
                foreach (ContentRecord content in registry.Values.OrderBy(r => r.ContentId, StringComparer.Ordinal))
                {
                    if (known.Contains(content.ContentId))
                    {
                        continue;
                    }

                    BankEntry? exactSource = (content.Sha256 is not null && exactValues.Contains(content.Sha256)) || (content.Md5 is not null && exactValues.Contains(content.Md5))
                        ? bank.First(b => b.Kind is HashKind.Sha256 or HashKind.Md5 && (string.Equals(b.Value, content.Sha256, StringComparison.OrdinalIgnoreCase) || string.Equals(b.Value, content.Md5, StringComparison.OrdinalIgnoreCase)))
                        : null;
                    if (exactSource is not null)
                    {
                        ItemRecord item = await session.InsertItemAsync(c.Id, content.ContentId, content.ContentId, ItemOrigin.ExactCopy, ItemStatus.Removed, exactSource.ItemId, 0, now, cancellationToken);
                        DecisionRecord decision = await session.InsertDecisionAsync(c.Id, item.Id, "remove_exact_copy", "byte-identical to removed content", "system", "partial", now, cancellationToken);
                        string suffix = decision.Id.ToString(CultureInfo.InvariantCulture);
                        await session.EnqueueAsync("connector.remove", JsonSerializer.Serialize(new { contentId = content.ContentId, caseNumber = c.CaseNumber, itemId = item.Id }),
                            $"remove:{item.Id}:{suffix}", now, cancellationToken);
                        StatementOfReasons sor = StatementOfReasons.ForRemoval(c.CaseNumber, content.ContentId, provisional: false, automatedExactMatch: true, jurisdictionName);
                        await session.EnqueueAsync("notify.uploader", JsonSerializer.Serialize(sor, s_json), $"sor:{item.Id}:{suffix}", now, cancellationToken);
                        await session.AppendAuditAsync("system", "item.copy_removed", c.CaseNumber,
                            AuditDetail.Of(new { itemId = item.Id, contentId = content.ContentId, match = "exact", sourceItemId = exactSource.ItemId }), now, cancellationToken);
                        exact++;
                        continue;
                    }

                    if (content.Vpdq is not null && videos.Count > 0)
                    {
                        if (NearVideo(content.Vpdq, videos) is ({ } videoSource, VideoMatchResult result))
                        {
                            ItemRecord item = await session.InsertItemAsync(c.Id, content.ContentId, content.ContentId, ItemOrigin.NearCopy, ItemStatus.NeedsReview, videoSource.ItemId, null, now, cancellationToken);
                            await session.AppendAuditAsync("system", "item.copy_queued", c.CaseNumber,
                                AuditDetail.Of(new
                                {
                                    itemId = item.Id,
                                    contentId = content.ContentId,
                                    match = "vpdq",
                                    queryMatchPercent = Math.Round(result.QueryMatchPercent, 2),
                                    comparedMatchPercent = Math.Round(result.ComparedMatchPercent, 2),
                                    sourceItemId = videoSource.ItemId,
                                }), now, cancellationToken);
                            near++;
                        }

                        continue;
                    }

                    if (content.Pdq is null || pdqs.Count == 0 || !PdqHash.TryParse(content.Pdq, out PdqHash candidate))
                    {
                        continue;
                    }

                    (int distance, BankEntry? source) = pdqs.Select(p => (p.Hash.DistanceTo(candidate), (BankEntry?)p.Entry)).MinBy(p => p.Item1);
                    if (distance <= options.Value.ReviewDistance)
                    {
                        ItemRecord item = await session.InsertItemAsync(c.Id, content.ContentId, content.ContentId, ItemOrigin.NearCopy, ItemStatus.NeedsReview, source!.ItemId, distance, now, cancellationToken);
                        await session.AppendAuditAsync("system", "item.copy_queued", c.CaseNumber,
                            AuditDetail.Of(new { itemId = item.Id, contentId = content.ContentId, match = "pdq", distance, sourceItemId = source.ItemId }), now, cancellationToken);
                        near++;
                    }
                }
            }

            await session.MarkSweepDoneAsync(sweep.Id, now, cancellationToken);
            await session.AppendAuditAsync("system", "sweep.finished", c.CaseNumber, AuditDetail.Of(new { sweepId = sweep.Id, searched = registry.Count, exact, near }), now, cancellationToken);
            await session.CommitAsync(cancellationToken);
            Log.SweepFinished(logger, c.CaseNumber, exact, near);
            return (c.CaseNumber, exact, near);
        }
    }

    /// <summary>The case's banked videos with their frames (entries that do not parse are skipped).</summary>
    private static List<(List<VideoFrameHash> Frames, BankEntry Entry)> BankedVideos(IReadOnlyList<BankEntry> bank)
    {
        var videos = new List<(List<VideoFrameHash>, BankEntry)>();
        foreach (BankEntry entry in bank)
        {
            if (entry.Kind == HashKind.Vpdq && VpdqValue.TryParse(entry.Value, out List<VideoFrameHash> frames))
            {
                videos.Add((frames, entry));
            }
        }

        return videos;
    }

    /// <summary>
    /// The banked video a platform video is a near copy of: python-threatexchange semantics, and the review thresholds
    /// of <c>/check</c> (a share of the platform video's frames, or of the banked video's, matched).
    /// </summary>
    private (BankEntry? Source, VideoMatchResult Result) NearVideo(string value, List<(List<VideoFrameHash> Frames, BankEntry Entry)> videos)
    {
        if (!VpdqValue.TryParse(value, out List<VideoFrameHash> frames) || frames.Count == 0)
        {
            return (null, default);
        }

        TakedownOptions settings = options.Value;
        (BankEntry? Source, VideoMatchResult Result) best = (null, default);
        foreach ((List<VideoFrameHash> banked, BankEntry entry) in videos)
        {
            VideoMatchResult result = VideoBruteMatcher.Match(frames, banked);
            bool near = result.QueryFrames > 0 && result.ComparedFrames > 0 &&
                (result.QueryMatchPercent >= Math.Min(settings.VideoReviewQueryPercent, settings.VideoBlockQueryPercent) || result.ComparedMatchPercent >= settings.VideoReviewComparedPercent);
            if (near && (best.Source is null || result.QueryMatchPercent > best.Result.QueryMatchPercent))
            {
                best = (entry, result);
            }
        }

        return best;
    }
}
