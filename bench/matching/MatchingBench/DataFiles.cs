using Takedown.Hashing.Pdq;

namespace MatchingBench;

/// <summary>
/// The shared data files: raw 32-byte hashes in the big-endian order of their hex form (what numpy/FAISS read with
/// <c>np.fromfile(..., np.uint8).reshape(-1, 32)</c>).
/// </summary>
internal static class DataFiles
{
    /// <summary>Positions generated per parallel block (each block has its own seeded generator, so files are reproducible).</summary>
    private const int BlockSize = 1 << 20;

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

        // Blocks of 1M hashes are generated on all cores, a wave of them at a time, and written in order.
        int blocks = (int)(((long)count + BlockSize - 1) / BlockSize);
        int wave = Math.Max(1, Environment.ProcessorCount * 4);
        using var output = File.Create(Path.Combine(directory, $"hashes-{count}.bin"));
        var buffers = new byte[Math.Min(wave, blocks)][];
        for (int first = 0; first < blocks; first += wave)
        {
            int last = Math.Min(blocks, first + wave);
            Parallel.For(first, last, block =>
            {
                int from = block * BlockSize;
                int to = (int)Math.Min(count, (long)from + BlockSize);
                byte[] bytes = buffers[block - first] ??= new byte[32 * BlockSize];
                var blockRandom = new Random(unchecked((seed * 1_000_003) + block + 1));
                for (int i = from; i < to; i++)
                {
                    PdqHash hash = plantedAt.TryGetValue(i, out int q) ? Flip(queries[q], blockRandom.Next(0, 32), blockRandom) : RandomHash(blockRandom);
                    hash.WriteBigEndianBytes(bytes.AsSpan(32 * (i - from), 32));
                }
            });
            for (int block = first; block < last; block++)
            {
                int length = (int)Math.Min(count - ((long)block * BlockSize), BlockSize);
                output.Write(buffers[block - first], 0, 32 * length);
            }
        }

        Write(Path.Combine(directory, $"queries-{count}.bin"), queries);
    }

    /// <summary>Reads a hash file (streamed: a 100M-hash file is larger than one byte array may be).</summary>
    public static PdqHash[] Read(string path)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var hashes = new PdqHash[input.Length / 32];
        var buffer = new byte[32 << 15];
        for (int done = 0; done < hashes.Length;)
        {
            int batch = Math.Min(hashes.Length - done, buffer.Length / 32);
            input.ReadExactly(buffer, 0, 32 * batch);
            for (int i = 0; i < batch; i++)
            {
                hashes[done + i] = PdqHash.FromBigEndianBytes(buffer.AsSpan(32 * i, 32));
            }

            done += batch;
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
