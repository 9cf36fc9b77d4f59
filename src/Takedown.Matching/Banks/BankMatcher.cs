using Takedown.Hashing.Pdq;
using Takedown.Matching.Exact;

namespace Takedown.Matching.Banks;

/// <summary>
/// Matches queries against a set of banks at once: one Hamming index over every bank's PDQ hashes (searched at
/// the largest threshold, then each bank's own threshold applied), and one exact-digest index.
/// </summary>
public sealed class BankMatcher : IDisposable
{
    private readonly HashBank[] _banks;
    private readonly long[] _firstId;
    private readonly long[] _firstExactId;
    private readonly HammingIndex _index;
    private readonly ExactHashIndex _exact = new();
    private readonly int _maxThreshold;

    /// <summary>Indexes the banks (their later changes are not seen).</summary>
    public BankMatcher(IReadOnlyList<HashBank> banks, HammingIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(banks);
        _banks = [.. banks];
        _firstId = new long[_banks.Length + 1];
        _firstExactId = new long[_banks.Length + 1];
        _index = new HammingIndex(options);
        for (int b = 0; b < _banks.Length; b++)
        {
            HashBank bank = _banks[b];
            _firstId[b + 1] = _firstId[b] + bank.Count;
            _firstExactId[b + 1] = _firstExactId[b] + bank.ExactCount;
            _maxThreshold = Math.Max(_maxThreshold, bank.Threshold);
        }

        for (int b = 0; b < _banks.Length; b++)
        {
            // One AddRange per bank, so a big bank becomes one multi-index segment build rather than many merges.
            ReadOnlySpan<PdqHash> hashes = _banks[b].Hashes;
            var ids = new long[hashes.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = _firstId[b] + i;
            }

            _index.AddRange(hashes, ids);
            for (int i = 0; i < _banks[b].ExactCount; i++)
            {
                _exact.Add(_banks[b].GetExact(i).Hash, _firstExactId[b] + i);
            }
        }
    }

    /// <summary>Number of PDQ hashes indexed.</summary>
    public int Count => _index.Count;

    /// <summary>
    /// Finds the bank entries within each bank's threshold (or <paramref name="threshold"/> for all banks) of any of
    /// the queries (1 to 8 hashes, e.g. the eight dihedral hashes of an image). Nearest first.
    /// </summary>
    public List<BankMatch> Match(ReadOnlySpan<PdqHash> queries, int? threshold = null)
    {
        int radius = threshold ?? _maxThreshold;
        var hits = new List<HammingMatch>();
        _index.Search(queries, radius, hits);
        var matches = new List<BankMatch>(hits.Count);
        foreach (HammingMatch hit in hits)
        {
            int b = BankOf(_firstId, hit.Id);
            HashBank bank = _banks[b];
            if (threshold is null && hit.Distance > bank.Threshold)
            {
                continue;
            }

            matches.Add(new BankMatch(bank.Name, bank.GetLabel((int)(hit.Id - _firstId[b])), hit.Distance, hit.QueryIndex));
        }

        return matches;
    }

    /// <summary>Finds the bank entries with exactly this digest.</summary>
    public List<BankMatch> MatchExact(ExactHash hash)
    {
        var ids = new List<long>();
        _exact.Find(hash, ids);
        var matches = new List<BankMatch>(ids.Count);
        foreach (long id in ids)
        {
            int b = BankOf(_firstExactId, id);
            matches.Add(new BankMatch(_banks[b].Name, _banks[b].GetExact((int)(id - _firstExactId[b])).Label, 0, 0));
        }

        return matches;
    }

    /// <inheritdoc/>
    public void Dispose() => _index.Dispose();

    private static int BankOf(long[] first, long id)
    {
        // The bank whose id range [first[b], first[b + 1]) holds id; empty banks are skipped.
        int at = Array.BinarySearch(first, id);
        if (at < 0)
        {
            return ~at - 1;
        }

        while (at + 1 < first.Length && first[at + 1] == id)
        {
            at++;
        }

        return at;
    }
}
