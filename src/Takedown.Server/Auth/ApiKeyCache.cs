using System.Collections.Concurrent;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Auth;

/// <summary>
/// Per-node cache of API keys so <c>/check</c> does not hit the database on every call: the row, found by the key's
/// public prefix, together with its principal (claims built once per load, not per request). The presented key is
/// still verified on every request (SHA-256 of the whole key compared in constant time with the stored hash, see
/// <see cref="CachedApiKey.Verifies"/>); the secret itself is never kept. Entries live for <see cref="Lifetime"/> and
/// are then read again from the store; revocation through this node removes the entry at once
/// (<see cref="Invalidate"/>), a revocation made on another node takes effect here within <see cref="Lifetime"/>. At
/// most <see cref="Capacity"/> prefixes are held (unknown prefixes are cached as misses too, so a flood of made-up
/// keys cannot reach the database more than once per prefix and lifetime); past that the cache starts over.
/// </summary>
internal sealed class ApiKeyCache
{
    /// <summary>How long a loaded key is trusted before the store is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>Most prefixes held at once.</summary>
    public const int Capacity = 10_000;

    private readonly TimeProvider _time;

    /// <summary>Bumped by every <see cref="Invalidate"/>: a load that overlapped one is not cached (it may predate the revocation).</summary>
    private long _generation;
    private readonly ConcurrentDictionary<string, (CachedApiKey? Key, long LoadedAt)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CachedApiKey? Key, long LoadedAt)>.AlternateLookup<ReadOnlySpan<char>> _byPrefix;

    public ApiKeyCache(TimeProvider time)
    {
        _time = time;
        _byPrefix = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The cached key for <paramref name="prefix"/> when it was loaded less than <see cref="Lifetime"/> ago (no
    /// allocation, no store access); false when it has to be loaded. A fresh miss gives true with a null key.
    /// </summary>
    public bool TryGetFresh(ReadOnlySpan<char> prefix, out CachedApiKey? key)
    {
        if (_byPrefix.TryGetValue(prefix, out (CachedApiKey? Key, long LoadedAt) entry) && _time.GetElapsedTime(entry.LoadedAt) < Lifetime)
        {
            key = entry.Key;
            return true;
        }

        key = null;
        return false;
    }

    /// <summary>The key for <paramref name="prefix"/>: from the cache while fresh, otherwise read from the store.</summary>
    public async ValueTask<CachedApiKey?> GetAsync(string prefix, ITakedownStore store, CancellationToken cancellationToken)
    {
        if (TryGetFresh(prefix, out CachedApiKey? cached))
        {
            return cached;
        }

        long generation = Interlocked.Read(ref _generation);
        long loadedAt = _time.GetTimestamp();
        ApiKeyRecord? record;
        await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
        {
            record = await session.GetApiKeyAsync(prefix, cancellationToken);
        }

        CachedApiKey? key = record is null ? null : new CachedApiKey(record);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[prefix] = (key, loadedAt);
        if (Interlocked.Read(ref _generation) != generation)
        {
            // A revocation ran while this row was read: drop what was just stored rather than trust it for a lifetime.
            _entries.TryRemove(prefix, out _);
        }

        return key;
    }

    /// <summary>Forgets a prefix at once (after its key was revoked): the next request presenting it reads the store.</summary>
    public void Invalidate(string prefix)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(prefix, out _);
    }
}
