using Takedown.Hashing.Pdq;

namespace MatchingBench;

/// <summary>
/// The shared data files: raw 32-byte hashes in the big-endian order of their hex form (what numpy/FAISS read with
/// <c>np.fromfile(..., np.uint8).reshape(-1, 32)</c>).
/// </summary>
internal static class DataFiles
{
    public static void Generate(string directory, int count, int planted, int seed)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var queries = new PdqHash[planted];
        for (int i = 0; i < planted; i++)
        {
            queries[i] = RandomHash(random);
        }

        // Plant one near-duplicate (0..31 bits away) of each query at a random position.
        var plantedAt = new Dictionary<int, int>();
        while (plantedAt.Count < planted)
        {
            plantedAt.TryAdd(random.Next(count), plantedAt.Count);
        }

        using (var output = new BufferedStream(File.Create(Path.Combine(directory, $"hashes-{count}.bin")), 1 << 20))
        {
            Span<byte> bytes = stackalloc byte[32];
            for (int i = 0; i < count; i++)
            {
                PdqHash hash = plantedAt.TryGetValue(i, out int q) ? Flip(queries[q], random.Next(0, 32), random) : RandomHash(random);
                hash.WriteBigEndianBytes(bytes);
                output.Write(bytes);
            }
        }

        Write(Path.Combine(directory, $"queries-{count}.bin"), queries);
    }

    public static PdqHash[] Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var hashes = new PdqHash[bytes.Length / 32];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = PdqHash.FromBigEndianBytes(bytes.AsSpan(32 * i, 32));
        }

        return hashes;
    }

    public static void Write(string path, ReadOnlySpan<PdqHash> hashes)
    {
        var bytes = new byte[32 * hashes.Length];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i].WriteBigEndianBytes(bytes.AsSpan(32 * i, 32));
        }

        File.WriteAllBytes(path, bytes);
    }

    public static PdqHash RandomHash(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
            (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63));

    public static PdqHash Flip(PdqHash hash, int bits, Random random)
    {
        Span<ulong> words = stackalloc ulong[4];
        hash.CopyTo(words);
        var flipped = new HashSet<int>();
        while (flipped.Count < bits)
        {
            int bit = random.Next(256);
            if (flipped.Add(bit))
            {
                words[bit >> 6] ^= 1UL << (bit & 63);
            }
        }

        return PdqHash.FromWords(words);
    }
}
