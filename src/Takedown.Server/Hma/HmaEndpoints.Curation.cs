using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;
using Takedown.Server.Exchange;
using Takedown.Server.Matching;

namespace Takedown.Server.Hma;

/// <summary>HMA curation: banks, bank content and exchanges under <c>/c</c>.</summary>
public static partial class HmaEndpoints
{
    private static void MapCuration(RouteGroupBuilder c)
    {
        c.MapGet("/banks", async (ITakedownStore store, CancellationToken ct) =>
        {
            await using ITakedownSession session = await store.BeginAsync(write: false, ct);
            return TypedResults.Ok((await session.Exchange().ListBanksAsync(ct)).Select(HmaResults.Bank).ToList());
        }).WithName("HmaListBanks")
            .WithSummary("List banks").WithDescription("Every bank in HMA's bank shape (name, matching_enabled_ratio, is_active)." + HmaErrors);
        c.MapGet("/bank/{bank}", async (string bank, ITakedownStore store, CancellationToken ct) =>
        {
            await using ITakedownSession session = await store.BeginAsync(write: false, ct);
            return await session.Exchange().GetBankAsync(bank, ct) is { } b ? TypedResults.Ok(HmaResults.Bank(b)) : HmaResults.BankNotFound(bank);
        }).WithName("HmaGetBank")
            .WithSummary("Get a bank").WithDescription("One bank in HMA's bank shape; 404 when no bank has that name." + HmaErrors);
        c.MapPost("/banks", CreateBank).WithName("HmaCreateBank")
            .WithSummary("Create a bank").WithDescription("Body {\"name\", \"matching_enabled_ratio\"?, \"is_active\"?}; the name must be UPPER_WITH_UNDERSCORES. Answers 201 with the bank; 403 when it already exists (HMA's status). Audited." + HmaErrors);
        c.MapPut("/bank/{bank}", UpdateBank).WithName("HmaUpdateBank")
            .WithSummary("Update a bank").WithDescription("Renames the bank or changes its matching ratio or activity; answers the bank. Audited." + HmaErrors);
        c.MapDelete("/bank/{bank}", DeleteBank).WithName("HmaDeleteBank")
            .WithSummary("Delete a bank").WithDescription("Deletes the bank and its content; a bank fed by an exchange is removed through the exchange instead (400). Audited." + HmaErrors);
        c.MapPost("/bank/{bank}/signal", AddSignal).WithName("HmaAddSignal")
            .WithSummary("Add content to a bank by signal").WithDescription("Body {\"signal_type\": hash, ...} with an optional note; adds one content item carrying those signals and answers its id and signals. Audited." + HmaErrors);
        c.MapPost("/bank/{bank}/content", AddContentFile).WithName("HmaAddContent")
            .WithSummary("Add content to a bank by file").WithDescription("Multipart upload as for POST /h/hash; the file is hashed and one content item added with its signals. Audited." + HmaErrors);
        c.MapGet("/bank/{bank}/content/{id:long}", GetContent).WithName("HmaGetContent")
            .WithSummary("Get bank content").WithDescription("One content item of the bank in HMA's shape: id, disable_until_ts, its bank, and its signals; 404 when unknown." + HmaErrors);
        c.MapPut("/bank/{bank}/content/{id:long}", UpdateContent).WithName("HmaUpdateContent")
            .WithSummary("Update bank content").WithDescription("Changes a content item's disable_until_ts or note. Audited." + HmaErrors);
        c.MapDelete("/bank/{bank}/content/{id:long}", DeleteContent).WithName("HmaDeleteContent")
            .WithSummary("Delete bank content").WithDescription("Removes a content item and its signals from the bank and the index. Audited." + HmaErrors);

        c.MapGet("/exchanges/apis", () => TypedResults.Ok(ExchangeFactory.Types)).WithName("HmaExchangeApis")
            .WithSummary("List exchange APIs").WithDescription("The exchange types this server can configure." + HmaErrors);
        c.MapGet("/exchanges", async (ExchangeService s, CancellationToken ct) => TypedResults.Ok((await s.ListAsync(ct)).Select(e => e.Name).ToList())).WithName("HmaListExchanges")
            .WithSummary("List exchanges").WithDescription("The names of the configured exchanges." + HmaErrors);
        c.MapPost("/exchanges", CreateExchange).WithName("HmaCreateExchange").RequireAuthorization(Roles.Policies.Administer)
            .WithSummary("Create an exchange").WithDescription("Admin only: configures an exchange from body {\"bank\", \"api\", \"api_json\"} that syncs into that bank. Audited." + HmaErrors);
        c.MapGet("/exchange/{name}", async (string name, ExchangeService s, CancellationToken ct) =>
            await s.GetAsync(name, ct) is { } e
                ? TypedResults.Ok(new JsonObject { ["name"] = e.Name, ["api"] = e.Type, ["enabled"] = e.Enabled, ["api_json"] = ExchangeFactory.Redacted(e.Config) })
                : HmaResults.Error(StatusCodes.Status404NotFound, $"exchange '{name}' not found")).WithName("HmaGetExchange")
            .WithSummary("Get an exchange").WithDescription("The exchange's name, api type, enablement and configuration with secrets redacted; 404 when unknown." + HmaErrors);
        c.MapGet("/exchange/{name}/status", async (string name, ExchangeService s, CancellationToken ct) =>
            await s.GetAsync(name, ct) is { } e
                ? TypedResults.Ok(new Dictionary<string, object?>
                {
                    ["checkpoint_ts"] = e.LastSuccessAt?.ToUnixTimeSeconds(),
                    ["running_fetch_start_ts"] = null,
                    ["last_fetch_complete_ts"] = e.LastSyncAt?.ToUnixTimeSeconds(),
                    ["last_fetch_succeeded"] = e.LastSyncAt is null ? null : e.LastError is null,
                    ["up_to_date"] = e.UpToDate,
                    ["fetched_items"] = e.FetchedItems,
                })
                : HmaResults.Error(StatusCodes.Status404NotFound, $"exchange '{name}' not found")).WithName("HmaExchangeStatus")
            .WithSummary("Exchange fetch status").WithDescription("HMA's fetch status: checkpoint and last-fetch times (Unix seconds), whether the last fetch succeeded, whether it is up to date and how many items it fetched." + HmaErrors);
    }

    private static async Task<IResult> CreateBank(JsonObject body, ITakedownStore store, BankIndex index, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        string? name = Text(body, "name");
        if (name is null || !IsBankName(name))
        {
            return HmaResults.Error(StatusCodes.Status400BadRequest, "bank name must be UPPER_WITH_UNDERSCORES (^[A-Z0-9_]+$)");
        }

        double ratio = Ratio(body);
        await using ITakedownSession session = await store.BeginAsync(write: true, ct);
        if (await session.Exchange().GetBankAsync(name, ct) is not null)
        {
            return HmaResults.Error(StatusCodes.Status403Forbidden, $"bank '{name}' already exists");
        }

        HashBankRecord bank = await session.Exchange().CreateBankAsync(name, ratio, time.GetUtcNow(), ct);
        await session.AppendAuditAsync(CurrentActor.Of(user), "hma.bank_created", null, ExchangeService.Json(new { bank = name, ratio }), time.GetUtcNow(), ct);
        await session.CommitAsync(ct);
        return Results.Json(HmaResults.Bank(bank), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateBank(string bank, JsonObject body, ITakedownStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, ct);
        HashBankRecord? existing = await session.Exchange().GetBankAsync(bank, ct);
        if (existing is null)
        {
            return HmaResults.BankNotFound(bank);
        }

        string name = Text(body, "name") ?? existing.Name;
        if (!IsBankName(name))
        {
            return HmaResults.Error(StatusCodes.Status400BadRequest, "bank name must be UPPER_WITH_UNDERSCORES (^[A-Z0-9_]+$)");
        }

        if (name != existing.Name && await session.Exchange().GetBankAsync(name, ct) is not null)
        {
            return HmaResults.Error(StatusCodes.Status403Forbidden, $"bank '{name}' already exists");
        }

        double ratio = body.ContainsKey("enabled_ratio") || body.ContainsKey("enabled") ? Ratio(body) : existing.EnabledRatio;
        HashBankRecord updated = await session.Exchange().UpdateBankAsync(existing.Id, name, ratio, ct);
        await session.AppendAuditAsync(CurrentActor.Of(user), "hma.bank_updated", null, ExchangeService.Json(new { bank, name, ratio }), time.GetUtcNow(), ct);
        await session.CommitAsync(ct);
        return TypedResults.Ok(HmaResults.Bank(updated));
    }

    private static async Task<IResult> DeleteBank(string bank, ITakedownStore store, BankIndex index, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        await using (ITakedownSession session = await store.BeginAsync(write: true, ct))
        {
            if (await session.Exchange().GetExchangeAsync(bank, ct) is not null)
            {
                return HmaResults.Error(StatusCodes.Status400BadRequest, $"bank '{bank}' belongs to an exchange; remove the exchange instead");
            }

            if (await session.Exchange().DeleteBankAsync(bank, time.GetUtcNow(), ct))
            {
                await session.AppendAuditAsync(CurrentActor.Of(user), "hma.bank_deleted", null, ExchangeService.Json(new { bank }), time.GetUtcNow(), ct);
            }

            await session.CommitAsync(ct);
        }

        await index.SyncAsync(store, ct);
        return TypedResults.Ok(new Dictionary<string, string> { ["message"] = "Done" });
    }

    private static async Task<IResult> AddSignal(string bank, JsonObject body, ITakedownStore store, BankIndex index, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        var signals = new List<(HashKind, string)>();
        string? note = null;
        foreach ((string key, JsonNode? node) in body)
        {
            if (key == "note")
            {
                note = node?.GetValue<string>();
                continue;
            }

            if (HmaMatcher.TryParseSignal(key, node is JsonValue v && v.TryGetValue(out string? s) ? s : null, out HashKind kind, out string value) is { } error)
            {
                return HmaResults.InvalidSignal($"{key}: {error}");
            }

            signals.Add((kind, value));
        }

        if (signals.Count == 0)
        {
            return HmaResults.InvalidSignal("no signals given");
        }

        return await AddContentAsync(bank, signals, note, store, index, time, user, ct);
    }

    private static async Task<IResult> AddContentFile(string bank, HttpRequest request, IMediaHasher hasher, ITakedownStore store, BankIndex index, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        (string? type, byte[]? bytes, IResult? error) = await ReadSingleFileAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        var signals = new List<(HashKind, string)>();
        foreach ((string signalType, string hash) in await HashAsync(hasher, type!, bytes!, ct))
        {
            if (signalType == "vpdq")
            {
                continue; // HMA-style banks hold pdq and video_md5; videos are banked with vPDQ by a removal decision.
            }

            if (hash.Length == 0)
            {
                return HmaResults.InvalidSignal("the image's PDQ quality is below 50");
            }

            signals.Add((signalType == "pdq" ? HashKind.Pdq : HashKind.Md5, hash));
        }

        string? note = request.Form.TryGetValue("note", out Microsoft.Extensions.Primitives.StringValues n) ? n.ToString() : null;
        return await AddContentAsync(bank, signals, note, store, index, time, user, ct);
    }

    private static async Task<IResult> AddContentAsync(string bank, List<(HashKind Kind, string Value)> signals, string? note, ITakedownStore store, BankIndex index, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        if (note is { Length: > 255 })
        {
            return HmaResults.Error(StatusCodes.Status400BadRequest, "note is at most 255 characters");
        }

        BankContentRecord content;
        await using (ITakedownSession session = await store.BeginAsync(write: true, ct))
        {
            HashBankRecord? b = await session.Exchange().GetBankAsync(bank, ct);
            if (b is null)
            {
                return HmaResults.BankNotFound(bank);
            }

            content = await session.Exchange().AddContentAsync(b, signals, null, note, null, time.GetUtcNow(), ct);
            await session.AppendAuditAsync(CurrentActor.Of(user), "hma.content_added", null, ExchangeService.Json(new { bank, contentId = content.Id, signals = signals.Count }), time.GetUtcNow(), ct);
            await session.CommitAsync(ct);
        }

        await index.SyncAsync(store, ct);
        return TypedResults.Ok(new Dictionary<string, object> { ["id"] = content.Id, ["signals"] = SignalMap(content) });
    }

    private static async Task<IResult> GetContent(string bank, long id, bool? include_signals, bool? include_metadata, ITakedownStore store, CancellationToken ct)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, ct);
        if (await FindContentAsync(session, bank, id, ct) is not (BankContentRecord content, HashBankRecord b))
        {
            return await session.Exchange().GetBankAsync(bank, ct) is null ? HmaResults.BankNotFound(bank) : HmaResults.Error(StatusCodes.Status404NotFound, "content not found");
        }

        return TypedResults.Ok(ContentView(content, b, include_signals == true, include_metadata != false));
    }

    private static async Task<IResult> UpdateContent(string bank, long id, JsonObject body, ITakedownStore store, BankIndex index, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        long? disableUntil = null;
        if (body["disable_until_ts"] is JsonValue d)
        {
            if (!d.TryGetValue(out long value) || value < 0 || (value > 1 && value > time.GetUtcNow().AddYears(5).ToUnixTimeSeconds()))
            {
                return HmaResults.Error(StatusCodes.Status400BadRequest, "disable_until_ts must be 0, 1 or a Unix time less than 5 years ahead");
            }

            disableUntil = value;
        }

        string? note = body["note"] is JsonValue n && n.TryGetValue(out string? text) ? text : null;
        BankContentRecord? updated;
        HashBankRecord? b;
        await using (ITakedownSession session = await store.BeginAsync(write: true, ct))
        {
            if (await FindContentAsync(session, bank, id, ct) is not (BankContentRecord _, HashBankRecord found))
            {
                return await session.Exchange().GetBankAsync(bank, ct) is null ? HmaResults.BankNotFound(bank) : HmaResults.Error(StatusCodes.Status404NotFound, "content not found");
            }

            b = found;
            updated = await session.Exchange().UpdateContentAsync(id, disableUntil, note, time.GetUtcNow(), ct);
            await session.AppendAuditAsync(CurrentActor.Of(user), "hma.content_updated", null, ExchangeService.Json(new { bank, contentId = id, disableUntil }), time.GetUtcNow(), ct);
            await session.CommitAsync(ct);
        }

        await index.SyncAsync(store, ct);
        return TypedResults.Ok(ContentView(updated!, b, includeSignals: true, includeMetadata: true));
    }

    private static async Task<IResult> DeleteContent(string bank, long id, ITakedownStore store, BankIndex index, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        int deleted = 0;
        await using (ITakedownSession session = await store.BeginAsync(write: true, ct))
        {
            if (await session.Exchange().GetBankAsync(bank, ct) is null)
            {
                return HmaResults.BankNotFound(bank);
            }

            if (await FindContentAsync(session, bank, id, ct) is not null)
            {
                deleted = await session.Exchange().DeleteContentAsync(id, time.GetUtcNow(), ct);
                await session.AppendAuditAsync(CurrentActor.Of(user), "hma.content_deleted", null, ExchangeService.Json(new { bank, contentId = id }), time.GetUtcNow(), ct);
            }

            await session.CommitAsync(ct);
        }

        await index.SyncAsync(store, ct);
        return TypedResults.Ok(new Dictionary<string, int> { ["deleted"] = deleted });
    }

    private static async Task<IResult> CreateExchange(JsonObject body, ExchangeService exchanges, ClaimsPrincipal user, CancellationToken ct)
    {
        string? name = Text(body, "bank"), api = Text(body, "api");
        if (name is null || api is null || body["api_json"] is not JsonObject config)
        {
            return HmaResults.Error(StatusCodes.Status400BadRequest, "expected {\"bank\": NAME, \"api\": TYPE, \"api_json\": {...}}");
        }

        try
        {
            await exchanges.AddAsync(name, api, config.ToJsonString(), CurrentActor.Of(user), ct);
        }
        catch (DomainValidationException e)
        {
            return HmaResults.Error(StatusCodes.Status400BadRequest, e.Message);
        }

        return Results.Json(new Dictionary<string, string> { ["message"] = "Created successfully" }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Unlike HMA, content is only found through the bank it belongs to.</summary>
    private static async Task<(BankContentRecord, HashBankRecord)?> FindContentAsync(ITakedownSession session, string bank, long id, CancellationToken ct)
    {
        HashBankRecord? b = await session.Exchange().GetBankAsync(bank, ct);
        BankContentRecord? content = b is null ? null : await session.Exchange().GetContentAsync(id, ct);
        return content is not null && content.BankId == b!.Id ? (content, b) : null;
    }

    private static Dictionary<string, object?> ContentView(BankContentRecord content, HashBankRecord bank, bool includeSignals, bool includeMetadata)
    {
        var view = new Dictionary<string, object?>
        {
            ["id"] = content.Id,
            ["disable_until_ts"] = content.DisableUntil,
            ["original_media_uri"] = null,
            ["bank"] = HmaResults.Bank(bank),
        };
        if (includeSignals)
        {
            view["signals"] = SignalMap(content);
        }

        if (includeMetadata)
        {
            view["metadata"] = content.Metadata is null ? null : JsonSerializer.Deserialize<JsonElement>(content.Metadata);
        }

        if (content.Note is not null)
        {
            view["note"] = content.Note;
        }

        return view;
    }

    private static Dictionary<string, string> SignalMap(BankContentRecord content) =>
        content.Signals.GroupBy(s => s.Kind).ToDictionary(g => SignalTypes.HmaName(g.Key), g => g.First().Value);

    private static string? Text(JsonObject body, string key) => body[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static double Ratio(JsonObject body)
    {
        if (body["enabled"] is JsonValue e && e.TryGetValue(out bool enabled) && !enabled)
        {
            return 0;
        }

        return body["enabled_ratio"] is JsonValue r && r.TryGetValue(out double ratio) ? Math.Clamp(ratio, 0, 1) : 1.0;
    }

    private static bool IsBankName(string name) => name.Length is > 0 and <= 100 && name.All(ch => ch is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_');
}
