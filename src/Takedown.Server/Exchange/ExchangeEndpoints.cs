using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Feed;
using Takedown.Core.Transparency;
using Takedown.Data.Records;
using Takedown.Server.Auth;

namespace Takedown.Server.Exchange;

/// <summary>Body of <c>POST /api/v1/exchanges</c>.</summary>
/// <param name="Name">Exchange (and bank) name, <c>^[A-Z0-9_]+$</c>.</param>
/// <param name="Type"><c>stop_ncii</c> or <c>takedown</c>.</param>
/// <param name="Config">Type-specific configuration object.</param>
public sealed record AddExchangeBody(
    [property: Description("Exchange (and bank) name, ^[A-Z0-9_]+$.")] string Name,
    [property: Description("stop_ncii or takedown.")] string Type,
    [property: Description("Type-specific configuration object.")] JsonElement Config);

/// <summary>An exchange as shown by the API (secrets redacted).</summary>
/// <param name="Name">Name.</param>
/// <param name="Type">Type.</param>
/// <param name="Enabled">Enabled.</param>
/// <param name="Checkpoint">Stored checkpoint.</param>
/// <param name="LastSyncAt">Last run.</param>
/// <param name="LastSuccessAt">Last successful run.</param>
/// <param name="LastError">Last error.</param>
/// <param name="UpToDate">Whether the last run reached the end.</param>
/// <param name="FetchedItems">Records applied.</param>
/// <param name="Config">Configuration with secrets as <c>***</c>.</param>
public sealed record ExchangeView(
    [property: Description("The exchange's name, also the name of the bank it fills.")] string Name,
    [property: Description("The exchange type: stop_ncii or takedown.")] string Type,
    [property: Description("Whether the exchange is synced.")] bool Enabled,
    [property: Description("Stored checkpoint.")] string? Checkpoint,
    [property: Description("When the last sync ran.")] DateTimeOffset? LastSyncAt,
    [property: Description("When the last sync succeeded.")] DateTimeOffset? LastSuccessAt,
    [property: Description("The last sync's error, if it failed.")] string? LastError,
    [property: Description("Whether the last run reached the end.")] bool UpToDate,
    [property: Description("How many records syncs have applied.")] long FetchedItems,
    [property: Description("Configuration with secrets as ***.")] JsonElement Config)
{
    internal static ExchangeView Of(ExchangeConfigRecord r) => new(r.Name, r.Type, r.Enabled, r.Checkpoint, r.LastSyncAt, r.LastSuccessAt, r.LastError, r.UpToDate, r.FetchedItems,
        JsonSerializer.SerializeToElement(ExchangeFactory.Redacted(r.Config)));
}

/// <summary>Body of <c>POST /api/v1/exchange/outcomes</c>: what a reviewer decided about content that matched imported hashes.</summary>
/// <param name="BankContentIds">Matched bank content ids (from HMA lookups), or empty.</param>
/// <param name="ContentId">The platform content id.</param>
/// <param name="Outcome"><c>pending_review</c>, <c>blocked</c> or <c>not_blocked</c>.</param>
public sealed record OutcomeBody(
    [property: Description("Matched bank content ids (from HMA lookups), or empty.")] IReadOnlyList<long>? BankContentIds,
    [property: Description("The platform content id.")] string ContentId,
    [property: Description("pending_review, blocked or not_blocked.")] string Outcome);

/// <summary>Body of <c>PUT /api/v1/cases/{caseNumber}/sharing</c>.</summary>
/// <param name="Consent">Whether the requester consents to share the case's hashes with other deployments.</param>
public sealed record SharingBody(
    [property: Description("Whether the requester consents to share the case's hashes with other deployments.")] bool Consent);

/// <summary>REST endpoints for exchanges, the published feed, sharing consent, outcomes and DSA statements.</summary>
public static class ExchangeEndpoints
{
    /// <summary>Maps the endpoints under <c>/api/v1</c>.</summary>
    public static IEndpointRouteBuilder MapExchangeEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder admin = app.MapGroup("/api/v1/exchanges").WithTags("Exchange").RequireAuthorization(Roles.Policies.Administer);
        admin.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/", async (ExchangeService s, CancellationToken ct) => TypedResults.Ok((await s.ListAsync(ct)).Select(ExchangeView.Of).ToList()))
            .WithName("ListExchanges").WithSummary("List subscribed exchanges with their checkpoint and last sync")
            .WithDescription("Admin only. Every subscribed exchange: its type, enablement, checkpoint, last sync time and error, and how many items it fetched; its configuration with secrets redacted.");
        admin.MapPost("/", AddExchange).WithName("AddExchange").WithSummary("Subscribe to an exchange (creates a bank of the same name)")
            .WithDescription("Admin only. Body: name, type and the type's JSON configuration; answers 201 with the exchange, 400 when the configuration is invalid. Audited.")
            .Produces<ExchangeView>(StatusCodes.Status201Created);
        admin.MapDelete("/{name}", async (string name, ExchangeService s, ClaimsPrincipal user, CancellationToken ct) =>
            await s.RemoveAsync(name, CurrentActor.Of(user), ct) ? Results.NoContent() : throw new NotFoundException($"No exchange named {name}."))
            .WithName("RemoveExchange").WithSummary("Unsubscribe; its hashes stop matching")
            .WithDescription("Admin only. Removes the subscription and its bank; answers 204, or 404 when no exchange has that name. Audited.")
            .Produces(StatusCodes.Status204NoContent);
        admin.MapPost("/{name}/sync", async (string name, ExchangeService s, CancellationToken ct) => TypedResults.Ok(await s.SyncAsync(name, ct)))
            .WithName("SyncExchange").WithSummary("Sync now from the stored checkpoint")
            .WithDescription("Admin only. Fetches from the exchange now, from its stored checkpoint, and answers the pages fetched, items upserted and deleted, whether it is up to date and any error.");
        admin.MapGet("/{name}/outcomes", async (string name, ExchangeService s, CancellationToken ct) => TypedResults.Ok(await s.ListOutcomesAsync(name, ct)))
            .WithName("ListExchangeOutcomes").WithSummary("Match outcomes recorded for the exchange's hashes")
            .WithDescription("Admin only. The outcomes recorded against content that matched this exchange's hashes, with whether each has been reported back.");

        app.MapPost("/api/v1/exchange/outcomes", RecordOutcome).WithTags("Exchange").RequireAuthorization(Roles.Policies.Moderate)
            .WithName("RecordExchangeOutcome").WithSummary("Record (and later report) the outcome for content that matched imported hashes")
            .WithDescription("Moderator or admin. Records the outcome for a match against imported hashes; exchanges that accept feedback get it at their next sync. Answers how many outcomes were recorded.")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPut("/api/v1/cases/{caseNumber}/sharing", async (string caseNumber, SharingBody body, FeedPublisher feed, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(new { caseNumber, consent = body.Consent, changed = await feed.SetConsentAsync(caseNumber, body.Consent, CurrentActor.Of(user), ct) }))
            .WithTags("Exchange").RequireAuthorization(Roles.Policies.Moderate).WithName("SetSharingConsent")
            .WithSummary("Record the requester's consent (or its withdrawal) to share the case's hashes with other deployments")
            .WithDescription("Moderator or admin. Body {\"consent\": bool}; answers the case number, the consent now recorded and whether it changed. Only cases with consent are published in the feed. Audited.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/v1/exchange/feed", Feed).WithTags("Exchange").RequireAuthorization(Roles.Policies.Check)
            .WithName("ExchangeFeed").WithSummary("This deployment's signed hash feed (takedown-feed/1): ?after=CURSOR&limit=N")
            .WithDescription("API key with the check scope. Pages of shared hashes (consented cases only, no personal data), signed with the key from /api/v1/exchange/feed/key; 400 on a bad cursor or limit.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet("/api/v1/exchange/feed/key", (FeedPublisher feed) => feed.PublicKeyPem is { } pem
                ? Results.Text(pem, "application/x-pem-file")
                : throw new NotFoundException("This deployment does not publish a feed."))
            .WithTags("Exchange").AllowAnonymous().WithName("ExchangeFeedKey").WithSummary("The feed's ECDSA P-256 public key (PEM)")
            .WithDescription("No authentication: subscribers verify the feed's signatures with it. 404 when this deployment does not publish a feed.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file").ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/v1/transparency/statements", Statements).WithTags("Transparency").RequireAuthorization(Roles.Policies.Administer)
            .WithName("DsaStatements")
            .WithDescription("Admin only. Statements of reasons (DSA Art. 17) for removal decisions, paged by decision id, as JSON ready for the DSA Transparency Database or as CSV; 400 on a bad format, cursor or limit.")
            .WithSummary("DSA statements of reasons for removal decisions: ?format=json|csv&after=DECISION_ID&limit=N (JSON is one POST /api/v1/statements batch of at most 100)")
            .Produces(StatusCodes.Status200OK, null, "application/json", "text/csv").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> AddExchange(AddExchangeBody body, ExchangeService s, ClaimsPrincipal user, CancellationToken ct)
    {
        if (body.Config.ValueKind != JsonValueKind.Object)
        {
            throw new DomainValidationException("config must be a JSON object.");
        }

        ExchangeConfigRecord record = await s.AddAsync(body.Name, body.Type, body.Config.GetRawText(), CurrentActor.Of(user), ct);
        return TypedResults.Created($"/api/v1/exchanges/{record.Name}", ExchangeView.Of(record));
    }

    private static async Task<IResult> RecordOutcome(OutcomeBody body, ExchangeService s, Takedown.Data.ITakedownStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        MatchOutcome outcome = ExchangeService.ParseOutcome(body.Outcome);
        if (string.IsNullOrWhiteSpace(body.ContentId))
        {
            throw new DomainValidationException("contentId is required.");
        }

        var signalIds = new List<long>();
        await using (Takedown.Data.ITakedownSession session = await store.BeginAsync(write: false, ct))
        {
            foreach (long contentId in body.BankContentIds ?? [])
            {
                BankContentRecord content = await Takedown.Data.ExchangeSessions.Exchange(session).GetContentAsync(contentId, ct)
                    ?? throw new NotFoundException($"No bank content {contentId}.");
                signalIds.AddRange(content.Signals.Select(sig => sig.Id));
            }
        }

        int recorded = await s.RecordOutcomesAsync(signalIds, body.ContentId, outcome, CurrentActor.Of(user), ct);
        return TypedResults.Ok(new { recorded });
    }

    private static async Task<IResult> Feed(HttpContext context, FeedPublisher feed, long? after, int? limit, CancellationToken ct)
    {
        (byte[] body, string signature) = await feed.PageAsync(after ?? 0, limit ?? 1000, ct);
        context.Response.Headers[FeedSignature.HeaderName] = signature;
        return Results.Bytes(body, "application/json");
    }

    private static async Task<IResult> Statements(TransparencyService transparency, string? format, long? after, int? limit, CancellationToken ct)
    {
        int max = Math.Clamp(limit ?? DsaExport.MaxBatchSize, 1, 10_000);
        IReadOnlyList<DsaStatement> statements = await transparency.StatementsAsync(after ?? 0, max, new DsaMappingOptions(), ct);
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            var writer = new StringWriter(CultureInfo.InvariantCulture);
            DsaExport.WriteCsv(writer, statements);
            return Results.Text(writer.ToString(), "text/csv", Encoding.UTF8);
        }

        if (statements.Count > DsaExport.MaxBatchSize)
        {
            throw new DomainValidationException($"JSON exports are batches of at most {DsaExport.MaxBatchSize}; page with after= and limit=.");
        }

        byte[] json = statements.Count == 0 ? """{"statements":[]}"""u8.ToArray() : DsaExport.JsonBatches(statements).Single();
        return Results.Bytes(json, "application/json");
    }
}
