using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Takedown.Core;
using Takedown.Core.Audit;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;
using Takedown.Server.Workflow;

namespace Takedown.Server.Endpoints;

/// <summary>Administration: API keys, users, audit export and verification.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps <c>/api/v1/admin</c>.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Roles.Policies.Administer)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/api-keys", CreateKey).WithName("CreateApiKey")
            .WithSummary("Create a platform API key; the key is shown once, only its hash is stored")
            .WithDescription("Admin only. Body: a name and scopes (check, connector, flagger, moderator, admin); answers 201 with the secret key, which cannot be shown again. Audited.")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/api-keys", ListKeys).WithName("ListApiKeys")
            .WithSummary("List API keys (never the secrets)")
            .WithDescription("Admin only. Every key with its id, public prefix, name, scopes and creation and revocation times.")
            .Produces<IReadOnlyList<ApiKeyView>>();

        api.MapDelete("/api-keys/{id:long}", RevokeKey).WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Admin only. The key stops authenticating at once; 404 when no key has that id. Audited.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/users", CreateUser).WithName("CreateUser")
            .WithSummary("Create a moderator or admin login")
            .WithDescription("Admin only. Body: user name, password (at least 12 characters) and role (moderator or admin); answers 201 with the user name and role. Audited.")
            .Produces<LoginResult>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/audit/export", Export).WithName("ExportAudit")
            .WithSummary("Export the audit log as JSON lines (each with its chain hash)")
            .WithDescription("Admin only. Streams every audit event, oldest first, as application/x-ndjson, so the chain can be verified outside the service. The export itself is audited.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson");

        api.MapGet("/audit/verify", Verify).WithName("VerifyAudit")
            .WithSummary("Verify the audit log's hash chain")
            .WithDescription("Admin only. Recomputes the hash chain over every event and answers how many were checked, whether the chain is intact and the first event that does not verify.")
            .Produces<AuditVerification>();
        return app;
    }

    internal static AuditEventView ToView(AuditEvent e) => new(e.Sequence, e.At, e.Actor, e.Action, e.CaseNumber, e.Detail, Convert.ToHexStringLower(e.Hash.Span));

    private static async Task<Created<CreatedApiKey>> CreateKey(CreateApiKeyBody body, ClaimsPrincipal user, ApiKeyService keys, CancellationToken cancellationToken)
    {
        (ApiKeyRecord record, string key) = await keys.CreateAsync(CurrentActor.Of(user), body.Name, body.Scopes ?? [], cancellationToken);
        return TypedResults.Created($"/api/v1/admin/api-keys/{record.Id}", new CreatedApiKey(record.Id, record.Prefix, key, record.Scopes));
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListKeys(ITakedownStore store, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        IReadOnlyList<ApiKeyRecord> keys = await session.ListApiKeysAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyView>>(keys.Select(k => new ApiKeyView(k.Id, k.Prefix, k.Name, k.Scopes, k.CreatedAt, k.RevokedAt)).ToList());
    }

    private static async Task<NoContent> RevokeKey(long id, ClaimsPrincipal user, ApiKeyService keys, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(CurrentActor.Of(user), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<LoginResult>> CreateUser(CreateUserBody body, ClaimsPrincipal user, StaffService staff, CancellationToken cancellationToken)
    {
        // The API has no page to show a generated password on, so it takes the password from the caller.
        if (body.Password is not { Length: >= StaffService.MinPasswordLength })
        {
            throw new DomainValidationException($"A user needs a name, a password of at least {StaffService.MinPasswordLength} characters and the role moderator or admin.");
        }

        await staff.CreateAsync(CurrentActor.Of(user), body.Username ?? string.Empty, body.Role ?? string.Empty, body.Password, cancellationToken);
        string name = body.Username!.Trim();
        return TypedResults.Created($"/api/v1/admin/users/{name}", new LoginResult(name, body.Role!));
    }

    private static async Task Export(HttpContext http, ClaimsPrincipal user, ITakedownStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            await session.AppendAuditAsync(CurrentActor.Of(user), "audit.exported", null, "{}", time.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        http.Response.ContentType = "application/x-ndjson";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await foreach (AuditEvent e in ReadAllAsync(store, cancellationToken))
        {
            AuditChain.WriteJsonLine(writer, e);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static async Task<Ok<AuditVerification>> Verify(ITakedownStore store, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        await foreach (AuditEvent e in ReadAllAsync(store, cancellationToken))
        {
            events.Add(e);
        }

        long? bad = AuditChain.Verify(events);
        return TypedResults.Ok(new AuditVerification(events.Count, bad is null, bad));
    }

    private static async IAsyncEnumerable<AuditEvent> ReadAllAsync(ITakedownStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        for (long from = 1; ;)
        {
            IReadOnlyList<AuditEvent> page = await session.ReadAuditAsync(from, 5_000, cancellationToken);
            foreach (AuditEvent e in page)
            {
                yield return e;
            }

            if (page.Count < 5_000)
            {
                yield break;
            }

            from = page[^1].Sequence + 1;
        }
    }
}
