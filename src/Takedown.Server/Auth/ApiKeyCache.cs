using System.Collections.Concurrent;
using Takedown.Data.Records;

namespace Takedown.Server.Auth;

/// <summary>
/// Per-node cache of API key rows so <c>/check</c> does not hit the database on every call. Entries live for
/// <see cref="Lifetime"/>; revocation through this node clears the entry at once, other nodes within the lifetime.
/// </summary>
internal sealed class ApiKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Record, long LoadedAt)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<ApiKeyRecord?> GetAsync(string prefix, Func<CancellationToken, Task<ApiKeyRecord?>> load, CancellationToken cancellationToken)
    {
        long now = time.GetTimestamp();
        if (_entries.TryGetValue(prefix, out (ApiKeyRecord? Record, long LoadedAt) entry) && time.GetElapsedTime(entry.LoadedAt, now) < Lifetime)
        {
            return entry.Record;
        }

        ApiKeyRecord? record = await load(cancellationToken);
        if (_entries.Count > 10_000)
        {
            _entries.Clear();
        }

        _entries[prefix] = (record, now);
        return record;
    }

    public void Invalidate(string prefix) => _entries.TryRemove(prefix, out _);
}
