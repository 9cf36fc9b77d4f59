using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Tests.Support;

/// <summary>Seeded random hashes: uniform, clustered into families of near-duplicates, and exact-distance neighbours.</summary>
internal static class TestHashes
{
    public static PdqHash Random(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63),
            (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));

    /// <summary>A copy of <paramref name="hash"/> with exactly <paramref name="bits"/> distinct bits flipped.</summary>
    public static PdqHash Flip(PdqHash hash, int bits, Random random)
    {
        Span<ulong> words = stackalloc ulong[4];
        hash.CopyTo(words);
        Span<int> order = stackalloc int[256];
        for (int i = 0; i < 256; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        foreach (int bit in order[..bits])
        {
            words[bit >> 6] ^= 1UL << (bit & 63);
        }

        return PdqHash.FromWords(words);
    }

    /// <summary>Uniform random hashes.</summary>
    public static PdqHash[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        var hashes = new PdqHash[count];
        for (int i = 0; i < count; i++)
        {
            hashes[i] = Random(random);
        }

        return hashes;
    }

    /// <summary>
    /// Families of near-duplicates: each family is a random centre and members 0..70 bits away from it, the way copies
    /// of one picture cluster. Members of one family also share most of their MIH slots, so buckets are skewed.
    /// </summary>
    public static PdqHash[] Clustered(int count, int familySize, int seed)
    {
        var random = new Random(seed);
        var hashes = new PdqHash[count];
        PdqHash centre = default;
        for (int i = 0; i < count; i++)
        {
            if (i % familySize == 0)
            {
                centre = Random(random);
                hashes[i] = centre;
            }
            else
            {
                hashes[i] = Flip(centre, random.Next(0, 71), random);
            }
        }

        return hashes;
    }

    /// <summary>
    /// Queries around stored entries: copies at exactly radius - 1, radius and radius + 1 bits from an entry (the
    /// inclusive boundary), exact copies, and unrelated random hashes.
    /// </summary>
    public static PdqHash[] QueriesNear(PdqHash[] stored, int radius, int count, int seed)
    {
        var random = new Random(seed);
        var queries = new PdqHash[count];
        for (int i = 0; i < count; i++)
        {
            PdqHash from = stored[random.Next(stored.Length)];
            queries[i] = (i % 5) switch
            {
                0 => from,
                1 => Flip(from, radius, random),
                2 => Flip(from, Math.Min(256, radius + 1), random),
                3 => Flip(from, Math.Max(0, radius - 1), random),
                _ => Random(random),
            };
        }

        return queries;
    }
}
