using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Hashing.Pdq;
using Takedown.Matching;

namespace Takedown.Server.Matching;

/// <summary>
/// The node's in-memory copy of the NCII bank: PDQ hashes in a <see cref="HammingIndex"/> (flat scan, switching to
/// multi-index hashing as it grows) and exact hashes in a dictionary. It follows the database's bank change sequence
/// incrementally (<see cref="SyncAsync"/>); it never reloads the whole bank after start-up.
/// </summary>
public sealed class BankIndex : IDisposable
{
    private const int BatchSize = 20_000;

    private readonly HammingIndex _pdq = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, List<long>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string CaseNumber, HashKind Kind)> _entries = [];
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private long _lastSequence;

    /// <summary>Last applied change sequence.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>Number of active bank entries held.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _entries.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Applies all bank changes committed since the last call; returns how many were applied. New PDQ hashes are
    /// added in one bulk load per call (so a start-up over a large bank builds the multi-index segments once).
    /// </summary>
    public async Task<int> SyncAsync(ITakedownStore store, CancellationToken cancellationToken)
    {
        await _syncGate.WaitAsync(cancellationToken);
        try
        {
            var pending = new List<PendingChange>();
            var caseNumbers = new Dictionary<string, string>(StringComparer.Ordinal);
            long last = _lastSequence;
            while (true)
            {
                IReadOnlyList<BankChange> changes;
                await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
                {
                    changes = await session.ReadBankChangesAsync(last, BatchSize, cancellationToken);
                }

                foreach (BankChange change in changes)
                {
                    if (!caseNumbers.TryGetValue(change.CaseNumber, out string? caseNumber))
                    {
                        caseNumbers[change.CaseNumber] = caseNumber = change.CaseNumber;
                    }

                    pending.Add(change.Kind == HashKind.Pdq
                        ? new PendingChange(change.EntryId, change.Added, change.Kind, PdqHash.Parse(change.Value), null, caseNumber)
                        : new PendingChange(change.EntryId, change.Added, change.Kind, default, change.Value, caseNumber));
                }

                if (changes.Count > 0)
                {
                    last = changes[^1].Sequence;
                }

                if (changes.Count < BatchSize)
                {
                    break;
                }
            }

            if (pending.Count > 0)
            {
                Apply(pending);
                Volatile.Write(ref _lastSequence, last);
            }

            return pending.Count;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>Finds bank hashes matching the given hashes: exact ones, and PDQ within <paramref name="radius"/>.</summary>
    /// <param name="pdq">PDQ query hashes (e.g. the eight dihedral variants), at most 8.</param>
    /// <param name="sha256">SHA-256 hex, or null.</param>
    /// <param name="md5">MD5 hex, or null.</param>
    /// <param name="radius">PDQ radius.</param>
    /// <param name="results">Receives the matches, best first per kind.</param>
    public void Match(ReadOnlySpan<PdqHash> pdq, string? sha256, string? md5, int radius, List<BankMatch> results)
    {
        _lock.EnterReadLock();
        try
        {
            AddExact(sha256, HashKind.Sha256, results);
            AddExact(md5, HashKind.Md5, results);
            if (pdq.Length > 0)
            {
                var hits = new List<HammingMatch>();
                _pdq.Search(pdq, radius, hits);
                hits.Sort(static (a, b) => a.Distance.CompareTo(b.Distance));
                foreach (HammingMatch hit in hits)
                {
                    if (_entries.TryGetValue(hit.Id, out (string CaseNumber, HashKind Kind) entry) && !results.Exists(r => r.EntryId == hit.Id))
                    {
                        results.Add(new BankMatch(hit.Id, entry.CaseNumber, HashKind.Pdq, hit.Distance));
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _pdq.Dispose();
        _lock.Dispose();
        _syncGate.Dispose();
    }

    private void AddExact(string? value, HashKind kind, List<BankMatch> results)
    {
        if (value is null || !_exact.TryGetValue(Key(kind, value), out List<long>? ids))
        {
            return;
        }

        foreach (long id in ids)
        {
            results.Add(new BankMatch(id, _entries[id].CaseNumber, kind, 0));
        }
    }

    private void Apply(List<PendingChange> changes)
    {
        // PDQ additions are collected and bulk-loaded at the end; a later removal in the same run cancels its addition.
        var pdqAdds = new Dictionary<long, PdqHash>();
        _lock.EnterWriteLock();
        try
        {
            foreach (PendingChange change in changes)
            {
                if (change.Added)
                {
                    if (!_entries.TryAdd(change.EntryId, (change.CaseNumber, change.Kind)))
                    {
                        continue;
                    }

                    if (change.Kind == HashKind.Pdq)
                    {
                        pdqAdds[change.EntryId] = change.Pdq;
                    }
                    else
                    {
                        string key = Key(change.Kind, change.Exact!);
                        if (!_exact.TryGetValue(key, out List<long>? ids))
                        {
                            _exact[key] = ids = [];
                        }

                        ids.Add(change.EntryId);
                    }
                }
                else if (_entries.Remove(change.EntryId))
                {
                    if (change.Kind == HashKind.Pdq)
                    {
                        if (!pdqAdds.Remove(change.EntryId))
                        {
                            _pdq.Remove(change.Pdq, change.EntryId);
                        }
                    }
                    else if (_exact.TryGetValue(Key(change.Kind, change.Exact!), out List<long>? ids))
                    {
                        ids.Remove(change.EntryId);
                        if (ids.Count == 0)
                        {
                            _exact.Remove(Key(change.Kind, change.Exact!));
                        }
                    }
                }
            }

            if (pdqAdds.Count > 0)
            {
                PdqHash[] hashes = [.. pdqAdds.Values];
                long[] ids = [.. pdqAdds.Keys];
                _pdq.AddRange(hashes, ids);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static string Key(HashKind kind, string value) => (kind == HashKind.Md5 ? "m:" : "s:") + value.ToLowerInvariant();

    private readonly record struct PendingChange(long EntryId, bool Added, HashKind Kind, PdqHash Pdq, string? Exact, string CaseNumber);
}
