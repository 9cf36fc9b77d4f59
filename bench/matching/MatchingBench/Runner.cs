using System.Diagnostics;
using System.Globalization;
using Takedown.Hashing.Pdq;
using Takedown.Matching;
using Takedown.Matching.Flat;
using Takedown.Matching.MultiIndex;
using Takedown.Matching.Storage;

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

        int n = hashes.Length;
        long[] ids = new long[n];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = i;
        }

        // MATCHING_HUGE_PAGES=0 measures the index without huge pages (see Takedown.Matching.Storage.HugePages).
        // Through reflection so this driver also builds against older library versions (bench/matching/compare.sh).
        typeof(HashStore).Assembly.GetType("Takedown.Matching.Storage.HugePages")?.GetProperty("Enabled")
            ?.SetValue(null, Environment.GetEnvironmentVariable("MATCHING_HUGE_PAGES") != "0");
        GC.Collect();
        long before = GC.GetTotalMemory(true);
        var build = Stopwatch.StartNew();
        IHammingIndex index;
        if (strategy.StartsWith("flat", StringComparison.Ordinal))
        {
            // flat: the fastest kernel; flat-scalar, flat-v128, flat-v256: one kernel.
            var flat = strategy switch
            {
                "flat-scalar" => new FlatHammingIndex(new HashStore(), ScanKernel.Scalar),
                "flat-v128" => new FlatHammingIndex(new HashStore(), ScanKernel.Vector128),
                "flat-v256" => new FlatHammingIndex(new HashStore(), ScanKernel.Vector256),
                _ => new FlatHammingIndex(),
            };
            flat.AddRange(hashes, ids);
            flat.TrimExcess();
            index = flat;
        }
        else
        {
            // mih: a search may borrow a second core for large candidate sets (the CLI's setting); mih-1t: every
            // search on the calling thread only, as the /check service runs it (HammingIndexOptions.ParallelSearch=false).
            // mih-wide, mih-wide-1t: every segment in the wide 11 x 23-bit layout whatever its size (by default only
            // segments of 2^23 entries or more), to measure it at 1M; mih-narrow, mih-narrow-1t: never wide.
            MultiIndexHammingIndex mih = strategy.Contains("-wide", StringComparison.Ordinal) ? WithWideFrom(1, strategy)
                : strategy.Contains("-narrow", StringComparison.Ordinal) ? WithWideFrom(int.MaxValue, strategy)
                : new MultiIndexHammingIndex { ParallelSearch = !strategy.EndsWith("-1t", StringComparison.Ordinal) };
            mih.AddRange(hashes, ids);
            index = mih;
        }

        build.Stop();

        // The index holds its own copy: drop the input (3.2 GB at 100M) before measuring.
        hashes = [];
        ids = [];
        GC.Collect();
        Emit("build", strategy, n, ("seconds", build.Elapsed.TotalSeconds), ("bytes_per_entry", (double)index.MemoryBytes / n));

        var results = new List<HammingMatch>();

        // Warm up until the search methods run their tier-1 code (tiered compilation promotes a method after 30 calls
        // and a 100 ms delay, later on a loaded machine; 20 queries were not enough for a 0.2 ms query), then time
        // each single query: at least 20 queries and 0.5 s, with an eight-query batch every tenth query.
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 20 || (warm.ElapsedMilliseconds < 500 && i < 100_000); i++)
        {
            index.Search(queries.AsSpan(i % queries.Length, 1), radius, results);
            if (i % 10 == 0 && queries.Length >= 8)
            {
                index.Search(queries.AsSpan(0, 8), radius, results);
            }
        }

        var times = new double[queries.Length];
        var cpuTimes = new double[queries.Length];
        long matches = 0;
        TimeSpan processCpuBefore = Environment.CpuUsage.TotalTime;
        long idSum = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < queries.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            long cpuStart = ThreadCpuTime.Nanoseconds();
            index.Search(queries.AsSpan(i, 1), radius, results);
            cpuTimes[i] = (ThreadCpuTime.Nanoseconds() - cpuStart) / 1e6;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            matches += results.Count;
            foreach (HammingMatch m in results)
            {
                idSum += m.Id;
            }
        }

        total.Stop();
        double processCpu = (Environment.CpuUsage.TotalTime - processCpuBefore).TotalMilliseconds / queries.Length;
        Array.Sort(times);
        Array.Sort(cpuTimes);
        double mean = total.Elapsed.TotalMilliseconds / queries.Length;
        Emit("query", strategy, n, ("queries", queries.Length), ("mean_ms", mean), ("p50_ms", times[times.Length / 2]),
            ("p99_ms", times[(int)(times.Length * 0.99)]), ("p10_ms", times[times.Length / 10]),
            ("cpu_p50_ms", cpuTimes[cpuTimes.Length / 2]), ("cpu_all_threads_mean_ms", processCpu), ("qps", 1000 / mean), ("matches", matches), ("id_sum", idSum),
            ("scan_gb_per_s_32b", 32.0 * n / (mean / 1000) / 1e9));

        // Dihedral batches: eight queries per search (the query and seven unrelated hashes, as dihedral variants are).
        int batches = Math.Max(1, Math.Min(queries.Length, 200) / 8);
        var random = new Random(1);
        var batch = new PdqHash[8];
        var batchTimes = new double[batches];
        TimeSpan batchCpuBefore = Environment.CpuUsage.TotalTime;
        var batchTime = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            batch[0] = queries[b];
            for (int k = 1; k < 8; k++)
            {
                batch[k] = DataFiles.RandomHash(random);
            }

            long start = Stopwatch.GetTimestamp();
            index.Search(batch, radius, results);
            batchTimes[b] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        batchTime.Stop();
        double batchCpu = (Environment.CpuUsage.TotalTime - batchCpuBefore).TotalMilliseconds / batches;
        double batchMean = batchTime.Elapsed.TotalMilliseconds / batches;
        Array.Sort(batchTimes);
        double batchP50 = batchTimes[batches / 2];
        Emit("dihedral", strategy, n, ("batches", batches), ("mean_ms", batchMean), ("p50_ms", batchP50),
            ("ratio_to_single", batchMean / mean), ("ratio_p50", batchP50 / times[times.Length / 2]),
            ("cpu_all_threads_mean_ms", batchCpu), ("ratio_cpu", batchCpu / processCpu));

        // Adding min(1M, N/10) fresh hashes to the built index (1M into 10M), timed.
        int adds = Math.Min(1_000_000, Math.Max(1, n / 10));
        var addHashes = new PdqHash[adds];
        var addIds = new long[adds];
        for (int i = 0; i < adds; i++)
        {
            addHashes[i] = DataFiles.RandomHash(random);
            addIds[i] = n + i;
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
        Emit("add", strategy, n, ("added", adds), ("seconds", add.Elapsed.TotalSeconds),
            ("query_mean_ms_after", afterTime.Elapsed.TotalMilliseconds / afterQueries));
        GC.KeepAlive(before);
    }

    /// <summary>An empty multi-index whose segments are wide from <paramref name="wideFrom"/> entries (through reflection: older libraries lack the parameter).</summary>
    private static MultiIndexHammingIndex WithWideFrom(int wideFrom, string strategy)
    {
        System.Reflection.ConstructorInfo ctor = typeof(MultiIndexHammingIndex).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            .FirstOrDefault(c => c.GetParameters().Length == 4)
            ?? throw new InvalidOperationException("This library has no wide multi-index layout.");
        var index = (MultiIndexHammingIndex)ctor.Invoke([new HashStore(), 1 << 16, 1 << 16, wideFrom]);
        typeof(MultiIndexHammingIndex).GetProperty(nameof(MultiIndexHammingIndex.ParallelSearch))!
            .SetValue(index, !strategy.EndsWith("-1t", StringComparison.Ordinal));
        return index;
    }

    private static void Emit(string what, string strategy, int n, params (string Key, double Value)[] values)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"csharp {what} strategy={strategy} n={n} {string.Join(' ', values.Select(v => $"{v.Key}={v.Value:0.######}"))}"));
    }
}
