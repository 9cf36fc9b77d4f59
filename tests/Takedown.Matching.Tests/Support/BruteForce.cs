using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Tests.Support;

/// <summary>The reference answer: every live entry compared with every query, best per id, nearest first.</summary>
internal sealed class BruteForce
{
    private readonly List<(PdqHash Hash, long Id)> _entries = [];

    public int Count => _entries.Count;

    public void Add(PdqHash hash, long id) => _entries.Add((hash, id));

    public bool Remove(PdqHash hash, long id)
    {
        int at = _entries.IndexOf((hash, id));
        if (at < 0)
        {
            return false;
        }

        _entries.RemoveAt(at);
        return true;
    }

    public (PdqHash Hash, long Id) this[int index] => _entries[index];

    public List<HammingMatch> Search(ReadOnlySpan<PdqHash> queries, int radius)
    {
        var best = new Dictionary<long, HammingMatch>();
        foreach ((PdqHash hash, long id) in _entries)
        {
            for (int k = 0; k < queries.Length; k++)
            {
                int d = PdqHash.Distance(hash, queries[k]);
                if (d <= radius && (!best.TryGetValue(id, out HammingMatch seen) || d < seen.Distance ||
                    (d == seen.Distance && k < seen.QueryIndex)))
                {
                    best[id] = new HammingMatch(id, d, k);
                }
            }
        }

        return [.. best.Values.OrderBy(m => m.Distance).ThenBy(m => m.Id)];
    }
}
