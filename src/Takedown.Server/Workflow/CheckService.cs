using System.ComponentModel;
using Microsoft.Extensions.Options;
using Takedown.Core;
using Takedown.Core.Media;
using Takedown.Data.Records;
using Takedown.Hashing.Exact;
using Takedown.Hashing.Pdq;
using Takedown.Server.Hosting;
using Takedown.Server.Matching;

namespace Takedown.Server.Workflow;

/// <summary>The answer to an upload check.</summary>
/// <param name="Decision"><c>allow</c>, <c>block</c> or <c>review</c>.</param>
/// <param name="Matches">The bank hashes that matched, best first.</param>
public sealed record CheckResult(
    [property: Description("allow, block or review.")] string Decision,
    [property: Description("The bank hashes that matched, best first.")] IReadOnlyList<CheckMatch> Matches);

/// <summary>A match reported by <c>/check</c>.</summary>
/// <param name="CaseNumber">The case the banked hash belongs to.</param>
/// <param name="Kind"><c>sha256</c>, <c>md5</c>, <c>pdq</c> or <c>vpdq</c>.</param>
/// <param name="Distance">PDQ distance (0 for exact and for <c>vpdq</c>, whose frames match at distance 31 or less).</param>
/// <param name="QueryMatchPercent">vPDQ only: share of the upload's distinct good frames matching the banked video.</param>
/// <param name="ComparedMatchPercent">vPDQ only: share of the banked video's distinct good frames matched by the upload.</param>
public sealed record CheckMatch(
    [property: Description("The case whose removed content matched (or the bank, as bank:NAME, for an imported hash list).")] string CaseNumber,
    [property: Description("What matched: pdq, md5, sha256 or vpdq.")] string Kind,
    [property: Description("PDQ Hamming distance (0 for exact hashes and vPDQ).")] int Distance,
    [property: Description("vPDQ only: share of the upload's distinct good frames matching the banked video."), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? QueryMatchPercent = null,
    [property: Description("vPDQ only: share of the banked video's distinct good frames matched by the upload."), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? ComparedMatchPercent = null);

/// <summary>
/// The upload gate (BLK-1): exact match or PDQ distance at most <see cref="TakedownOptions.BlockDistance"/> blocks;
/// PDQ up to <see cref="TakedownOptions.ReviewDistance"/> asks for review; otherwise allow. Answers from the
/// in-memory <see cref="BankIndex"/> only.
/// </summary>
public sealed partial class CheckService(BankIndex index, MediaHasher hasher, ContentRegistrar registrar, IOptions<TakedownOptions> options, TimeProvider time, Exchange.IMatchObserver? matchObserver = null)
{
    /// <summary>The most matches one answer lists.</summary>
    public const int MaxReportedMatches = 10;

    /// <summary>The one <c>allow</c> answer (no match): every allowed check returns this instance.</summary>
    internal static CheckResult Allow { get; } = new("allow", []);

    [ThreadStatic]
    private static List<BankMatch>? t_matches;

    /// <summary>Checks precomputed hashes (any of them may be null).</summary>
    public CheckResult CheckHashes(string? pdqHex, string? md5, string? sha256, string? contentId)
    {
        PdqHash pdq = default;
        bool hasPdq = pdqHex is not null;
        if (hasPdq && !PdqHash.TryParse(pdqHex, out pdq))
        {
            throw new DomainValidationException("pdq must be 64 hexadecimal digits.");
        }

        EnsureExactHashes(md5, sha256);

        if (!hasPdq && md5 is null && sha256 is null)
        {
            throw new DomainValidationException("Give at least one of pdq, md5 or sha256 (or upload the media).");
        }

        Register(contentId, sha256, md5, hasPdq ? pdq : null);
        return Decide(hasPdq ? [pdq] : [], sha256, md5);
    }

    /// <summary>Checks media bytes: exact hashes plus PDQ of all eight dihedral variants for images.</summary>
    public CheckResult CheckMedia(ReadOnlyMemory<byte> media, string? contentId)
    {
        MediaHasher.EnsureNotEmpty(media);
        ContentHashes exact = ContentHasher.Compute(media.Span);
        PdqDihedralResult? dihedral = hasher.TryHashDihedral(media);
        Span<PdqHash> queries = stackalloc PdqHash[PdqDihedralResult.Count];
        int count = 0;
        if (dihedral is { } d && d.Quality >= options.Value.MinPdqQuality)
        {
            d.CopyTo(queries);
            count = PdqDihedralResult.Count;
        }

        Register(contentId, exact.Sha256Hex, exact.Md5Hex, count > 0 ? queries[0] : null);
        return Decide(queries[..count], exact.Sha256Hex, exact.Md5Hex);
    }

    private CheckResult Decide(ReadOnlySpan<PdqHash> pdq, string? sha256, string? md5)
    {
        // One reusable match list per thread: the common answer (allow) allocates nothing beyond the request itself.
        List<BankMatch> matches = t_matches ??= [];
        matches.Clear();
        TakedownOptions settings = options.Value;
        index.Match(pdq, sha256, md5, settings.ReviewDistance, matches);
        if (matches.Count == 0)
        {
            return Allow;
        }

        matches.Sort(static (a, b) => a.Distance.CompareTo(b.Distance));
        bool block = matches[0].Distance <= settings.BlockDistance;
        matchObserver?.Observe(matches, block); // outcomes of imported hashes, queued (issue 7)
        var reported = new CheckMatch[Math.Min(matches.Count, MaxReportedMatches)];
        for (int i = 0; i < reported.Length; i++)
        {
            BankMatch m = matches[i];
            reported[i] = new CheckMatch(m.CaseNumber, KindName(m.Kind), m.Distance);
        }

        matches.Clear();
        return new CheckResult(block ? "block" : "review", reported);
    }

    private static string KindName(HashKind kind) => kind switch
    {
        HashKind.Sha256 => "sha256",
        HashKind.Md5 => "md5",
        _ => "pdq",
    };

    /// <summary>
    /// Queues the upload for later copy sweeps (never a database write on the request path); a video's frames go in
    /// as <paramref name="vpdq"/> (<see cref="VpdqValue"/> form).
    /// </summary>
    private void Register(string? contentId, string? sha256, string? md5, PdqHash? pdq, string? vpdq = null)
    {
        if (!string.IsNullOrWhiteSpace(contentId))
        {
            registrar.Register(new ContentRecord(0, contentId, sha256?.ToLowerInvariant(), md5?.ToLowerInvariant(), pdq?.ToString(), time.GetUtcNow())
            {
                Vpdq = vpdq,
            });
        }
    }

    /// <summary>Throws a validation error for a precomputed MD5 or SHA-256 that is not hex of the right length.</summary>
    private static void EnsureExactHashes(string? md5, string? sha256)
    {
        if (md5 is not null && !IsHex(md5, 32))
        {
            throw new DomainValidationException("md5 must be 32 hexadecimal digits.");
        }

        if (sha256 is not null && !IsHex(sha256, 64))
        {
            throw new DomainValidationException("sha256 must be 64 hexadecimal digits.");
        }
    }

    private static readonly System.Buffers.SearchValues<char> s_hex = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsHex(string value, int length) => value.Length == length && !value.AsSpan().ContainsAnyExcept(s_hex);
}
