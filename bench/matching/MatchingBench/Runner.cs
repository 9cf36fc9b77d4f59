using System.Diagnostics;
using System.Globalization;
using Takedown.Hashing.Pdq;
using Takedown.Matching;
using Takedown.Matching.Flat;
using Takedown.Matching.MultiIndex;

namespace MatchingBench;

internal static class Runner
{
    public static void Run(string hashesPath, string queriesPath, int radius, string strategy, int queryLimit)
    {
        PdqHash[] hashes = DataFiles.Read(hashesPath);
        PdqHash[] queries = DataFiles.Read(queriesPath);
        if (queries.Length > queryLimit)
        {
            queries = queries[..queryLimit];
        }

        long[] ids = new long[hashes.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = i;
        }

        GC.Collect();
        long before = GC.GetTotalMemory(true);
        var build = Stopwatch.StartNew();
        IHammingIndex index;
        if (strategy == "flat")
        {
            var flat = new FlatHammingIndex();
            flat.AddRange(hashes, ids);
            flat.TrimExcess();
            index = flat;
        }
        else
        {
            var mih = new MultiIndexHammingIndex();
            mih.AddRange(hashes, ids);
            index = mih;
        }

        build.Stop();
        Emit("build", strategy, hashes.Length, ("seconds", build.Elapsed.TotalSeconds), ("bytes_per_entry", (double)index.MemoryBytes / hashes.Length));

        var results = new List<HammingMatch>();

        // Warm up, then time each single query.
        for (int i = 0; i < Math.Min(20, queries.Length); i++)
        {
            index.Search(queries.AsSpan(i, 1), radius, results);
        }

        var times = new double[queries.Length];
        long matches = 0;
        long idSum = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < queries.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            index.Search(queries.AsSpan(i, 1), radius, results);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            matches += results.Count;
            foreach (HammingMatch m in results)
            {
                idSum += m.Id;
            }
        }

        total.Stop();
        Array.Sort(times);
        double mean = total.Elapsed.TotalMilliseconds / queries.Length;
        Emit("query", strategy, hashes.Length, ("queries", queries.Length), ("mean_ms", mean), ("p50_ms", times[times.Length / 2]),
            ("p99_ms", times[(int)(times.Length * 0.99)]), ("qps", 1000 / mean), ("matches", matches), ("id_sum", idSum),
            ("scan_gb_per_s_32b", 32.0 * hashes.Length / (mean / 1000) / 1e9));

        // Dihedral batches: eight queries per search (the query and seven unrelated hashes, as dihedral variants are).
        int batches = Math.Max(1, Math.Min(queries.Length, 200) / 8);
        var random = new Random(1);
        var batch = new PdqHash[8];
        var batchTime = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            batch[0] = queries[b];
            for (int k = 1; k < 8; k++)
            {
                batch[k] = DataFiles.RandomHash(random);
            }

            index.Search(batch, radius, results);
        }

        batchTime.Stop();
        double batchMean = batchTime.Elapsed.TotalMilliseconds / batches;
        Emit("dihedral", strategy, hashes.Length, ("batches", batches), ("mean_ms", batchMean), ("ratio_to_single", batchMean / mean));

        // Adding min(1M, N/10) fresh hashes to the built index (1M into 10M), timed.
        int adds = Math.Min(1_000_000, Math.Max(1, hashes.Length / 10));
        var addHashes = new PdqHash[adds];
        var addIds = new long[adds];
        for (int i = 0; i < adds; i++)
        {
            addHashes[i] = DataFiles.RandomHash(random);
            addIds[i] = hashes.Length + i;
        }

        var add = Stopwatch.StartNew();
        index.AddRange(addHashes, addIds);
        add.Stop();
        long afterAdd = 0;
        var afterTime = Stopwatch.StartNew();
        int afterQueries = Math.Min(queries.Length, 100);
        for (int i = 0; i < afterQueries; i++)
        {
            index.Search(queries.AsSpan(i, 1), radius, results);
            afterAdd += results.Count;
        }

        afterTime.Stop();
        Emit("add", strategy, hashes.Length, ("added", adds), ("seconds", add.Elapsed.TotalSeconds),
            ("query_mean_ms_after", afterTime.Elapsed.TotalMilliseconds / afterQueries));
        GC.KeepAlive(before);
    }

    private static void Emit(string what, string strategy, int n, params (string Key, double Value)[] values)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"csharp {what} strategy={strategy} n={n} {string.Join(' ', values.Select(v => $"{v.Key}={v.Value:0.######}"))}"));
    }
}
