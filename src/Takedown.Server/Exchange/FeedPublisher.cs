using Microsoft.Extensions.Options;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Feed;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Exchange;

/// <summary>
/// Publishes this deployment's NCII bank as a signed Takedown feed (SHR-2): only hashes of cases whose requester
/// consented to sharing, with withdrawals when consent is withdrawn or the hash is released. Never media, case
/// numbers or requester data.
/// </summary>
public sealed class FeedPublisher(ITakedownStore store, TimeProvider time, IOptions<ExchangeOptions> options)
{
    /// <summary>Whether a signing key is configured (the feed is off without one).</summary>
    public bool Enabled => options.Value.ResolvePrivateKey() is not null;

    /// <summary>The public key subscribers pin, or null when the feed is off.</summary>
    public string? PublicKeyPem => options.Value.ResolvePrivateKey() is { } key ? FeedSignature.PublicKeyOf(key) : null;

    /// <summary>Builds the page after <paramref name="after"/>: its exact body bytes and the signature header value.</summary>
    public async Task<(byte[] Body, string Signature)> PageAsync(long after, int limit, CancellationToken cancellationToken)
    {
        string key = options.Value.ResolvePrivateKey() ?? throw new NotFoundException("This deployment does not publish a feed.");
        if (after < 0)
        {
            throw new DomainValidationException("after must be 0 or more.");
        }

        limit = Math.Clamp(limit, 1, options.Value.MaxFeedPageSize);
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<FeedEventRecord> events;
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            await session.Exchange().RefreshFeedAsync(now, cancellationToken);
            events = await session.Exchange().ReadFeedAsync(after, limit + 1, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        bool hasMore = events.Count > limit;
        List<FeedEventRecord> page = events.Take(limit).ToList();
        var feedPage = new FeedPage
        {
            Format = FeedPage.CurrentFormat,
            Feed = options.Value.FeedId,
            After = after,
            Next = page.Count > 0 ? page[^1].Sequence : after,
            HasMore = hasMore,
            IssuedAt = now,
            Entries = page.Select(e => new FeedEntry
            {
                Sequence = e.Sequence,
                Id = e.EntryKey,
                Type = SignalTypes.ShortName(e.Kind),
                Value = e.Value,
                Label = options.Value.FeedLabel,
                Deleted = e.Deleted,
            }).ToList(),
        };
        byte[] body = FeedSerializer.Serialize(feedPage);
        return (body, FeedSignature.Sign(body, key));
    }

    /// <summary>Records or withdraws a requester's consent to share their case's hashes (SHR-2), audited.</summary>
    public async Task<bool> SetConsentAsync(string caseNumber, bool consent, string actor, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        _ = await session.GetCaseAsync(caseNumber, cancellationToken) ?? throw new NotFoundException($"No case {caseNumber}.");
        bool changed = await session.Exchange().SetShareConsentAsync(caseNumber, consent, now, cancellationToken);
        if (changed)
        {
            await session.AppendAuditAsync(actor, consent ? "share.consented" : "share.withdrawn", caseNumber, "{}", now, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        return changed;
    }
}
