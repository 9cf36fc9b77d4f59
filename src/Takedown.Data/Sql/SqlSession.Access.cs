using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    public async Task<UserRecord> InsertUserAsync(string username, string passwordHash, string role, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        long id = await ScalarAsync("INSERT INTO users (username, password_hash, role, created_at, disabled) VALUES (@name, @hash, @role, @at, 0) RETURNING id",
            cancellationToken, Arg.Of("name", username), Arg.Of("hash", passwordHash), Arg.Of("role", role), Arg.Of("at", at));
        return new UserRecord(id, username, passwordHash, role, false);
    }

    public Task<UserRecord?> GetUserAsync(string username, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT id, username, password_hash, role, disabled FROM users WHERE username = @name",
            r => new UserRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0), cancellationToken, Arg.Of("name", username));

    public Task<long> CountUsersAsync(CancellationToken cancellationToken) => ScalarAsync("SELECT COUNT(*) FROM users", cancellationToken);

    public async Task<ApiKeyRecord> InsertApiKeyAsync(string prefix, byte[] keyHash, string name, IReadOnlyList<string> scopes, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        long id = await ScalarAsync("INSERT INTO api_keys (prefix, key_hash, name, scopes, created_at) VALUES (@prefix, @hash, @name, @scopes, @at) RETURNING id",
            cancellationToken, Arg.Of("prefix", prefix), Arg.Of("hash", keyHash), Arg.Of("name", name), Arg.Of("scopes", string.Join(' ', scopes)), Arg.Of("at", at));
        return new ApiKeyRecord(id, prefix, keyHash, name, scopes, at, null);
    }

    public Task<ApiKeyRecord?> GetApiKeyAsync(string prefix, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT id, prefix, key_hash, name, scopes, created_at, revoked_at FROM api_keys WHERE prefix = @prefix", MapKey, cancellationToken,
            Arg.Of("prefix", prefix));

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, prefix, key_hash, name, scopes, created_at, revoked_at FROM api_keys ORDER BY id", MapKey, cancellationToken);

    public async Task<bool> RevokeApiKeyAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        return await ExecuteAsync("UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", cancellationToken, Arg.Of("id", id), Arg.Of("at", at)) == 1;
    }

    private static ApiKeyRecord MapKey(System.Data.Common.DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), Bytes(r, 2), r.GetString(3), r.GetString(4).Split(' ', StringSplitOptions.RemoveEmptyEntries), Time(r, 5), TimeOrNull(r, 6));
}
