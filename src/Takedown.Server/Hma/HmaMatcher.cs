using System.Globalization;
using Takedown.Core.Exchange;
using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Hashing.Pdq;
using Takedown.Server.Matching;

namespace Takedown.Server.Hma;

/// <summary>One HMA match: the bank content id and HMA's string distance.</summary>
/// <param name="Bank">Bank name.</param>
/// <param name="ContentId">bank_content_id.</param>
/// <param name="Distance">PDQ distance, or 0 for exact signals.</param>
/// <param name="Kind">Signal kind.</param>
/// <param name="SignalIds">The matched signals (for outcome recording).</param>
internal sealed record HmaMatch(string Bank, long ContentId, int Distance, HashKind Kind, IReadOnlyList<long> SignalIds)
{
    /// <summary>HMA's distance string: the number for PDQ, <c>"-"</c> for exact MD5/SHA-256 (as HMA's md5 signal).</summary>
    public string DistanceText => Kind == HashKind.Pdq ? Distance.ToString(CultureInfo.InvariantCulture) : "-";
}

/// <summary>
/// Answers HMA lookups from the node's in-memory index (the same one <c>/check</c> uses), restricted to named banks
/// (the case-linked NCII bank is never exposed through the HMA API), PDQ distance at most 31 as HMA. Matches of
/// <c>/m/lookup</c> on exchange banks are recorded as outcomes through <see cref="Exchange.OutcomeRecorder"/> (queued).
/// </summary>
internal sealed class HmaMatcher(BankIndex index, ITakedownStore store, TimeProvider time, Exchange.OutcomeRecorder? outcomes = null)
{
    public const int PdqThreshold = 31;

    /// <summary>Looks up one signal; when <paramref name="enforceEnabled"/>, disabled banks are dropped and the enabled ratio applies.</summary>
    public async Task<List<HmaMatch>> LookupAsync(HashKind kind, string value, IReadOnlySet<string>? banks, bool enforceEnabled, bool bypassCoinflip, int seed, CancellationToken cancellationToken)
    {
        var raw = new List<BankMatch>();
        switch (kind)
        {
            case HashKind.Pdq:
                index.Match([PdqHash.Parse(value)], null, null, PdqThreshold, raw);
                break;
            case HashKind.Md5:
                index.Match([], null, value, 0, raw);
                break;
            default:
                index.Match([], value, null, 0, raw);
                break;
        }

        var distances = raw.Where(m => m.EntryId < 0).GroupBy(m => -m.EntryId).ToDictionary(g => g.Key, g => g.Min(m => m.Distance));
        if (distances.Count == 0)
        {
            return [];
        }

        IReadOnlyList<SignalHit> hits;
        await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
        {
            hits = await session.Exchange().GetSignalsAsync(distances.Keys, cancellationToken);
        }

        DateTimeOffset now = time.GetUtcNow();
        List<HmaMatch> matches = hits
            .Where(h => banks is null || banks.Contains(h.BankName))
            .Where(h => !enforceEnabled || Enabled(h, now, bypassCoinflip, seed))
            .GroupBy(h => h.ContentId)
            .Select(g => new HmaMatch(g.First().BankName, g.Key, g.Min(h => distances[h.SignalId]), kind, g.Select(h => h.SignalId).ToList()))
            .OrderBy(m => m.Distance).ThenBy(m => m.ContentId)
            .ToList();
        if (enforceEnabled)
        {
            // A lookup (not a raw lookup) is the platform matching its content: the recorder keeps exchange banks only.
            outcomes?.ObserveLookup(matches.SelectMany(m => m.SignalIds));
        }

        return matches;
    }

    /// <summary>Parses HMA's <c>signal_type</c> and <c>signal</c>; returns an error text when invalid.</summary>
    public static string? TryParseSignal(string? type, string? signal, out HashKind kind, out string value)
    {
        value = "";
        if (!SignalTypes.TryParse(type, out kind))
        {
            return $"unknown signal_type '{type}'";
        }

        if (!SignalTypes.TryNormalize(kind, signal, out string? normalized, out string? error))
        {
            return error;
        }

        value = normalized;
        return null;
    }

    private static bool Enabled(SignalHit hit, DateTimeOffset now, bool bypassCoinflip, int seed)
    {
        bool contentEnabled = hit.DisableUntil == 1 || (hit.DisableUntil > 1 && hit.DisableUntil <= now.ToUnixTimeSeconds());
        if (!contentEnabled || hit.EnabledRatio <= 0)
        {
            return false;
        }

        if (hit.EnabledRatio >= 1 || bypassCoinflip)
        {
            return true;
        }

        // HMA's coin flip, deterministic per content and seed so repeated lookups agree.
        ulong x = unchecked((ulong)hit.ContentId * 0x9E3779B97F4A7C15UL ^ (ulong)seed);
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        return (x >> 11) * (1.0 / (1UL << 53)) < hit.EnabledRatio;
    }
}
