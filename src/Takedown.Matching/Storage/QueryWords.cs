using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Storage;

/// <summary>Validates query arguments and lays query hashes out as four words each.</summary>
internal static class QueryWords
{
    public static ulong[] Create(ReadOnlySpan<PdqHash> queries, int radius, int maxRadius)
    {
        var words = new ulong[4 * queries.Length];
        Fill(queries, radius, maxRadius, words);
        return words;
    }

    /// <summary>Validates, then writes four words per query to the start of <paramref name="words"/> (no allocation).</summary>
    public static void Fill(ReadOnlySpan<PdqHash> queries, int radius, int maxRadius, Span<ulong> words)
    {
        if (queries.Length is < 1 or > HammingIndex.MaxQueries)
        {
            ThrowHelper.ThrowQueryCount(nameof(queries), queries.Length);
        }

        if ((uint)radius > (uint)maxRadius)
        {
            ThrowHelper.ThrowRadius(nameof(radius), radius, maxRadius);
        }

        for (int k = 0; k < queries.Length; k++)
        {
            queries[k].CopyTo(words.Slice(4 * k, 4));
        }
    }

    public static void CheckLengths(ReadOnlySpan<PdqHash> hashes, ReadOnlySpan<long> ids)
    {
        if (hashes.Length != ids.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(ids));
        }

        if (ids.Contains(HashStore.Removed))
        {
            ThrowHelper.ThrowReservedId(nameof(ids));
        }
    }
}
