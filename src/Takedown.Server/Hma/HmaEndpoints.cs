using System.Globalization;
using System.Text.Json.Nodes;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Server.Auth;
using Takedown.Server.Matching;

namespace Takedown.Server.Hma;

/// <summary>
/// HMA 2.0-compatible endpoints (<c>/status</c>, <c>/h</c>, <c>/m</c>, <c>/c</c>) with HMA's paths, shapes and status
/// codes; deliberate differences are listed in <c>docs/hma-compatibility.md</c>. Hashing and matching need an API key
/// with the <c>check</c> scope, curation a moderator or admin; every curation change is audited.
/// </summary>
public static partial class HmaEndpoints
{
    /// <summary>The sentence every HMA operation's OpenAPI description ends with.</summary>
    private const string HmaErrors = " Errors use HMA's {\"message\": ...} JSON body (kept deliberately for HMA clients), not problem+json.";

    /// <summary>Maps the HMA endpoints.</summary>
    public static IEndpointRouteBuilder MapHmaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status", () => Results.Text("I-AM-ALIVE")).WithTags("HMA").AllowAnonymous().WithName("HmaStatus")
            .WithSummary("HMA liveness probe").WithDescription("Answers the text I-AM-ALIVE, as HMA 2.0 does; no authentication.");
        app.MapGet("/status/live", () => Results.Text("I-AM-ALIVE")).WithTags("HMA").AllowAnonymous().WithName("HmaStatusLive")
            .WithSummary("HMA liveness probe (live)").WithDescription("Answers the text I-AM-ALIVE, as HMA 2.0's /status/live does; no authentication.");

        RouteGroupBuilder h = app.MapGroup("/h").WithTags("HMA").RequireAuthorization(Roles.Policies.Check);
        h.MapGet("/hash", () => HmaResults.Error(StatusCodes.Status400BadRequest, "hashing by url is disabled in Takedown (no server-side fetches); POST the file"))
            .WithName("HmaHashUrl").WithSummary("Hash by URL (disabled)")
            .WithDescription("HMA's hash-by-URL; Takedown makes no server-side fetches, so this always answers 400: POST the file instead." + HmaErrors);
        h.MapPost("/hash", HashFile).WithName("HmaHashFile").WithSummary("Hash an uploaded file")
            .WithDescription("Multipart upload with exactly one file whose field name is photo or video; answers {\"pdq\": hex} for a photo (empty when quality < 50) or {\"video_md5\", \"vpdq\"} for a video, in HMA's shape." + HmaErrors);

        RouteGroupBuilder m = app.MapGroup("/m").WithTags("HMA").RequireAuthorization(Roles.Policies.Check);
        m.MapGet("/raw_lookup", RawLookup).WithName("HmaRawLookup").WithSummary("Look up a signal in every bank, ignoring enablement")
            .WithDescription("HMA's raw lookup: matching bank content ids for signal_type and signal (optionally limited to banks), with distances when include_distance is true; bank enablement and coin-flip are ignored." + HmaErrors);
        m.MapGet("/lookup", LookupSignal).WithName("HmaLookup").WithSummary("Look up a signal in enabled banks")
            .WithDescription("HMA's lookup by signal_type and signal: matches grouped by bank, honouring bank enablement and its coin-flip ratio (seed and bypass_coinflip as in HMA); lookup by url is disabled." + HmaErrors);
        m.MapPost("/lookup", LookupFile).WithName("HmaLookupFile").WithSummary("Hash an uploaded file and look it up")
            .WithDescription("Multipart upload as for POST /h/hash; the file's signals are looked up in enabled banks and matches answered per signal type and bank (videos match by video_md5 here; vPDQ matching is in /api/v1/check)." + HmaErrors);
        m.MapPost("/compare", Compare).WithName("HmaCompare").WithSummary("Compare pairs of hashes")
            .WithDescription("Body {\"<signal_type>\": [hash1, hash2], ...}; answers per signal type [matched, {\"distance\": n}], PDQ matching at HMA's threshold." + HmaErrors);
        m.MapGet("/index/status", IndexStatus).WithName("HmaIndexStatus").WithSummary("Index status per signal type")
            .WithDescription("HMA's index status: for pdq and video_md5, whether the index is present, the time it was built to (Unix seconds, -1 before the first build) and its size; signal_type narrows to one." + HmaErrors);

        MapCuration(app.MapGroup("/c").WithTags("HMA").RequireAuthorization(Roles.Policies.Moderate));
        return app;
    }

    private static async Task<IResult> HashFile(HttpRequest request, IMediaHasher hasher, CancellationToken ct)
    {
        (string? type, byte[]? bytes, IResult? error) = await ReadSingleFileAsync(request, ct);
        return error ?? TypedResults.Ok(await HashAsync(hasher, type!, bytes!, ct));
    }

    private static async Task<IResult> RawLookup(HmaMatcher matcher, string? signal_type, string? signal, string? banks, bool? include_distance, CancellationToken ct)
    {
        if (HmaMatcher.TryParseSignal(signal_type, signal, out HashKind kind, out string value) is { } error)
        {
            return HmaResults.InvalidSignal(error);
        }

        List<HmaMatch> matches = await matcher.LookupAsync(kind, value, Banks(banks), enforceEnabled: false, bypassCoinflip: true, 0, ct);
        return include_distance == true
            ? TypedResults.Ok(new Dictionary<string, object> { ["matches"] = matches.Select(x => new Dictionary<string, object> { ["bank_content_id"] = x.ContentId, ["distance"] = x.DistanceText }).ToList() })
            : TypedResults.Ok(new Dictionary<string, object> { ["matches"] = matches.Select(x => x.ContentId).ToList() });
    }

    private static async Task<IResult> LookupSignal(HmaMatcher matcher, string? signal_type, string? signal, string? url, string? banks, int? seed, bool? bypass_coinflip, CancellationToken ct)
    {
        if (url is not null)
        {
            return HmaResults.Error(StatusCodes.Status400BadRequest, "lookup by url is disabled in Takedown (no server-side fetches); POST the file or give signal_type and signal");
        }

        if (HmaMatcher.TryParseSignal(signal_type, signal, out HashKind kind, out string value) is { } error)
        {
            return HmaResults.InvalidSignal(error);
        }

        return TypedResults.Ok(ByBank(await matcher.LookupAsync(kind, value, Banks(banks), true, bypass_coinflip == true, seed ?? 0, ct)));
    }

    private static async Task<IResult> LookupFile(HttpRequest request, HmaMatcher matcher, IMediaHasher hasher, string? banks, int? seed, bool? bypass_coinflip, CancellationToken ct)
    {
        (string? type, byte[]? bytes, IResult? error) = await ReadSingleFileAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        var result = new Dictionary<string, object>();
        foreach ((string signalType, string hash) in await HashAsync(hasher, type!, bytes!, ct))
        {
            if (signalType == "vpdq")
            {
                // Banked videos are matched through /api/v1/check; HMA's banks here hold pdq and video_md5 only.
                continue;
            }

            if (hash.Length == 0)
            {
                return HmaResults.InvalidSignal("the image's PDQ quality is below 50");
            }

            HashKind kind = signalType == "pdq" ? HashKind.Pdq : HashKind.Md5;
            result[signalType] = ByBank(await matcher.LookupAsync(kind, hash, Banks(banks), true, bypass_coinflip == true, seed ?? 0, ct));
        }

        return TypedResults.Ok(result);
    }

    private static IResult Compare(JsonObject body)
    {
        var result = new Dictionary<string, object>();
        foreach ((string type, JsonNode? node) in body)
        {
            if (!SignalTypes.TryParse(type, out HashKind kind) || node is not JsonArray { Count: 2 } pair)
            {
                return HmaResults.Error(StatusCodes.Status400BadRequest, $"expected \"{type}\": [hash1, hash2] with a known signal type");
            }

            string? e1 = HmaMatcher.TryParseSignal(type, pair[0] is JsonValue v1 && v1.TryGetValue(out string? s1) ? s1 : null, out _, out string a);
            string? e2 = HmaMatcher.TryParseSignal(type, pair[1] is JsonValue v2 && v2.TryGetValue(out string? s2) ? s2 : null, out _, out string b);
            if ((e1 ?? e2) is { } error)
            {
                return HmaResults.InvalidSignal($"{type}: {error}");
            }

            if (kind == HashKind.Pdq)
            {
                int distance = Hashing.Pdq.PdqHash.Distance(Hashing.Pdq.PdqHash.Parse(a), Hashing.Pdq.PdqHash.Parse(b));
                result[type] = new object[] { distance <= HmaMatcher.PdqThreshold, new Dictionary<string, int> { ["distance"] = distance } };
            }
            else
            {
                result[type] = new object[] { a == b, new Dictionary<string, int> { ["distance"] = a == b ? 0 : 1 } };
            }
        }

        return TypedResults.Ok(result);
    }

    private static async Task<IResult> IndexStatus(BankIndex index, ITakedownStore store, TimeProvider time, string? signal_type, CancellationToken ct)
    {
        IReadOnlyDictionary<HashKind, long> counts;
        await using (ITakedownSession session = await store.BeginAsync(write: false, ct))
        {
            counts = await session.Exchange().CountSignalsByKindAsync(ct);
        }

        long pdq = counts.GetValueOrDefault(HashKind.Pdq), md5 = counts.GetValueOrDefault(HashKind.Md5);
        long builtTo = index.LastSequence > 0 ? time.GetUtcNow().ToUnixTimeSeconds() : -1;
        var status = new Dictionary<string, object>
        {
            ["pdq"] = new Dictionary<string, object> { ["present"] = true, ["built_to"] = builtTo, ["size"] = pdq },
            ["video_md5"] = new Dictionary<string, object> { ["present"] = true, ["built_to"] = builtTo, ["size"] = md5 },
        };
        return signal_type is null ? TypedResults.Ok(status)
            : status.TryGetValue(signal_type, out object? one) ? TypedResults.Ok(new Dictionary<string, object> { [signal_type] = one })
            : HmaResults.Error(StatusCodes.Status400BadRequest, $"unknown signal_type '{signal_type}'");
    }

    private static Dictionary<string, List<Dictionary<string, object>>> ByBank(List<HmaMatch> matches) =>
        matches.GroupBy(x => x.Bank, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Select(x => new Dictionary<string, object> { ["bank_content_id"] = x.ContentId, ["distance"] = x.DistanceText }).ToList(),
            StringComparer.Ordinal);

    private static HashSet<string>? Banks(string? banks) =>
        string.IsNullOrWhiteSpace(banks) ? null : banks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>HMA's multipart rule: exactly one file, whose field name is the content type (<c>photo</c> or <c>video</c>).</summary>
    internal static async Task<(string? Type, byte[]? Bytes, IResult? Error)> ReadSingleFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (null, null, HmaResults.Error(StatusCodes.Status400BadRequest, "expected multipart/form-data with one file"));
        }

        IFormCollection form = await request.ReadFormAsync(ct);
        if (form.Files.Count != 1)
        {
            return (null, null, HmaResults.Error(StatusCodes.Status400BadRequest, form.Files.Count == 0 ? "no file" : "more than one file"));
        }

        IFormFile file = form.Files[0];
        if (file.Name is not ("photo" or "video"))
        {
            return (null, null, HmaResults.Error(StatusCodes.Status400BadRequest, $"unknown or disabled content type '{file.Name}'"));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return (file.Name, buffer.ToArray(), null);
    }

    /// <summary>
    /// HMA's hash answer: <c>{"pdq": hex}</c> for a photo (empty when quality &lt; 50); for a video
    /// <c>{"video_md5": hex, "vpdq": signal}</c>, the vPDQ signal in python-threatexchange's form (a JSON list of
    /// <c>"hash,quality,timestamp"</c> strings, one frame per second; empty when the video cannot be decoded).
    /// </summary>
    internal static async Task<Dictionary<string, string>> HashAsync(IMediaHasher hasher, string contentType, byte[] bytes, CancellationToken ct)
    {
        MediaHashes hashes = await hasher.HashAsync(bytes, ct);
        return contentType == "video"
            ? new Dictionary<string, string>
            {
                ["video_md5"] = hashes.Md5 ?? "",
                ["vpdq"] = hashes.Vpdq is { Count: > 0 } frames ? Hashing.Video.VpdqFormat.ToSignalString(frames) : "",
            }
            : new Dictionary<string, string> { ["pdq"] = hashes.Pdq is { } pdq && hashes.PdqQuality >= 50 ? pdq.ToString() : "" };
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
