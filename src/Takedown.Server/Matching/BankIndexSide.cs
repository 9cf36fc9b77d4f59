using Takedown.Core.Media;
using Takedown.Hashing.Pdq;
using Takedown.Matching;

namespace Takedown.Server.Matching;

/// <summary>
/// One of the two copies of the bank that <see cref="BankIndex"/> keeps (left-right scheme): readers use the
/// active copy while the change applier writes the other one, so queries never wait for a change batch.
/// </summary>
internal sealed class BankIndexSide : IDisposable
{
    private readonly HammingIndex _pdq;
    private readonly Dictionary<string, long[]> _sha256 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long[]> _md5 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, (string CaseNumber, HashKind Kind)> _entries = [];

    /// <summary>Readers inside this copy now; the applier writes only while it is zero and the copy is inactive.</summary>
    private int _readers;

    public BankIndexSide(HammingIndexOptions? options) => _pdq = new HammingIndex(options);

    /// <summary>Number of active bank entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>Readers inside now (the applier waits for zero).</summary>
    public int Readers => Volatile.Read(ref _readers);

    /// <summary>Registers a reader; the caller re-checks that this copy is still the active one.</summary>
    public void Enter() => Interlocked.Increment(ref _readers);

    /// <summary>Unregisters a reader.</summary>
    public void Exit() => Interlocked.Decrement(ref _readers);

    /// <summary>Appends exact and PDQ matches (PDQ sorted by distance, each entry once).</summary>
    public void Match(ReadOnlySpan<PdqHash> pdq, string? sha256, string? md5, int radius, List<BankMatch> results, List<HammingMatch> hits)
    {
        AddExact(sha256, HashKind.Sha256, results);
        AddExact(md5, HashKind.Md5, results);
        if (pdq.IsEmpty)
        {
            return;
        }

        _pdq.Search(pdq, radius, hits);
        hits.Sort(static (a, b) => a.Distance.CompareTo(b.Distance));
        foreach (HammingMatch hit in hits)
        {
            if (_entries.TryGetValue(hit.Id, out (string CaseNumber, HashKind Kind) entry) && !Contains(results, hit.Id))
            {
                results.Add(new BankMatch(hit.Id, entry.CaseNumber, HashKind.Pdq, hit.Distance));
            }
        }
    }

    /// <summary>Applies a batch of changes in order (only while no reader is inside).</summary>
    public void Apply(IReadOnlyList<BankIndex.PendingChange> changes)
    {
        // PDQ additions are collected and bulk-loaded at the end; a later removal in the same batch cancels its addition.
        var pdqAdds = new Dictionary<long, PdqHash>();
        foreach (BankIndex.PendingChange change in changes)
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
                    Dictionary<string, long[]> exact = ExactOf(change.Kind);
                    string key = change.Exact!;
                    exact[key] = exact.TryGetValue(key, out long[]? ids) ? [.. ids, change.EntryId] : [change.EntryId];
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
                else
                {
                    Dictionary<string, long[]> exact = ExactOf(change.Kind);
                    string key = change.Exact!;
                    if (exact.TryGetValue(key, out long[]? ids))
                    {
                        long removed = change.EntryId;
                        long[] rest = Array.FindAll(ids, id => id != removed);
                        if (rest.Length == 0)
                        {
                            exact.Remove(key);
                        }
                        else
                        {
                            exact[key] = rest;
                        }
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

    /// <inheritdoc/>
    public void Dispose() => _pdq.Dispose();

    private static bool Contains(List<BankMatch> results, long entryId)
    {
        for (int i = 0; i < results.Count; i++)
        {
            if (results[i].EntryId == entryId)
            {
                return true;
            }
        }

        return false;
    }

    private void AddExact(string? value, HashKind kind, List<BankMatch> results)
    {
        if (value is null || !ExactOf(kind).TryGetValue(value, out long[]? ids))
        {
            return;
        }

        foreach (long id in ids)
        {
            results.Add(new BankMatch(id, _entries[id].CaseNumber, kind, 0));
        }
    }

    private Dictionary<string, long[]> ExactOf(HashKind kind) => kind == HashKind.Md5 ? _md5 : _sha256;
}
