namespace Takedown.Matching.Storage;

/// <summary>Turns raw hits (positions, possibly repeated) into one match per id, nearest first.</summary>
internal static class HitCollector
{
    private static readonly Comparison<HammingMatch> s_order = static (a, b) =>
        a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id);

    public static void Finish(HashStore store, List<RawHit> hits, List<HammingMatch> results, Dictionary<long, int>? scratch = null)
    {
        results.Clear();
        if (hits.Count == 0)
        {
            return;
        }

        if (hits.Count == 1)
        {
            RawHit hit = hits[0];
            results.Add(new HammingMatch(store.GetId(hit.Position), hit.Distance, hit.QueryIndex));
            return;
        }

        Dictionary<long, int> best = scratch ?? new Dictionary<long, int>(hits.Count);
        best.Clear();
        foreach (RawHit hit in hits)
        {
            long id = store.GetId(hit.Position);
            var match = new HammingMatch(id, hit.Distance, hit.QueryIndex);
            if (best.TryGetValue(id, out int at))
            {
                HammingMatch seen = results[at];
                if (hit.Distance < seen.Distance || (hit.Distance == seen.Distance && hit.QueryIndex < seen.QueryIndex))
                {
                    results[at] = match;
                }
            }
            else
            {
                best.Add(id, results.Count);
                results.Add(match);
            }
        }

        results.Sort(s_order);
    }
}
