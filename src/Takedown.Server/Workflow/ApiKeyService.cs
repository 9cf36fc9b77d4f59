using Takedown.Core;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;

namespace Takedown.Server.Workflow;

/// <summary>
/// Platform API keys, for the admin API and the admin pages alike: created with <see cref="ApiKeys"/>, shown once (only
/// the hash is stored), revocable (this node's <see cref="ApiKeyCache"/> forgets the key at once); audited.
/// </summary>
internal sealed class ApiKeyService(ITakedownStore store, TimeProvider time, ApiKeyCache cache)
{
    /// <summary>Longest key name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>All keys, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        IReadOnlyList<ApiKeyRecord> keys = await session.ListApiKeysAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToList();
    }

    /// <summary>Creates a key; the returned secret is the only copy.</summary>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(string actor, string? name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        string label = (name ?? string.Empty).Trim();
        if (label.Length is 0 or > MaxNameLength)
        {
            throw new DomainValidationException($"Give the key a name of 1 to {MaxNameLength} characters (e.g. the platform or service using it).");
        }

        List<string> chosen = Roles.AllScopes.Where(scopes.Contains).ToList();
        if (chosen.Count == 0 || chosen.Count != scopes.Distinct(StringComparer.Ordinal).Count())
        {
            throw new DomainValidationException("Choose at least one scope: " + string.Join(", ", Roles.AllScopes) + ".");
        }

        (string key, string prefix) = ApiKeys.Create();
        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        ApiKeyRecord record = await session.InsertApiKeyAsync(prefix, SecretToken.Hash(key), label, chosen, now, cancellationToken);
        await session.AppendAuditAsync(actor, "apikey.created", null, AuditDetail.Of(new { id = record.Id, prefix, scopes = chosen }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return (record, key);
    }

    /// <summary>Revokes a key; it stops working on this node at once.</summary>
    public async Task RevokeAsync(string actor, long id, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        ApiKeyRecord? key = (await session.ListApiKeysAsync(cancellationToken)).FirstOrDefault(k => k.Id == id)
            ?? throw new NotFoundException("No such API key.");
        if (!await session.RevokeApiKeyAsync(id, now, cancellationToken))
        {
            throw new ConflictException("This key is already revoked.");
        }

        await session.AppendAuditAsync(actor, "apikey.revoked", null, AuditDetail.Of(new { id, prefix = key.Prefix }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        cache.Invalidate(key.Prefix);
    }
}
