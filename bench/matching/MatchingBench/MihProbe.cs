using System.Globalization;
using Takedown.Hashing.Pdq;
using Takedown.Matching;
using Takedown.Matching.MultiIndex;

namespace MatchingBench;

/// <summary>
/// Multi-index query probe (not used by run.sh): builds the index over a hash file and runs the queries PASSES times
/// on one thread (ParallelSearch off, as the /check service runs), printing the thread CPU time per query (median of
/// the per-pass means) for single queries and for eight-query batches. Run under perf to see where a query goes.
/// </summary>
internal static class MihProbe
{
    public static void Run(string hashesPath, string queriesPath, int passes)
    {
        PdqHash[] hashes = DataFiles.Read(hashesPath);
        PdqHash[] queries = DataFiles.Read(queriesPath);
        long[] ids = new long[hashes.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = i;
        }

        var index = new MultiIndexHammingIndex { ParallelSearch = false };
        index.AddRange(hashes, ids);
        hashes = [];
        GC.Collect();
        var results = new List<HammingMatch>();
        var random = new Random(1);
        var batches = new PdqHash[queries.Length / 8][];
        for (int b = 0; b < batches.Length; b++)
        {
            batches[b] = new PdqHash[8];
            batches[b][0] = queries[b];
            for (int k = 1; k < 8; k++)
            {
                batches[b][k] = DataFiles.RandomHash(random);
            }
        }

        var single = new double[passes];
        var batch = new double[passes];
        long matches = 0;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int p = 0; p < passes; p++)
        {
            long start = ThreadCpuTime.Nanoseconds();
            for (int i = 0; i < queries.Length; i++)
            {
                index.Search(queries.AsSpan(i, 1), 31, results);
                matches += results.Count;
            }

            single[p] = (ThreadCpuTime.Nanoseconds() - start) / 1e3 / queries.Length;
            start = ThreadCpuTime.Nanoseconds();
            foreach (PdqHash[] b in batches)
            {
                index.Search(b, 31, results);
            }

            batch[p] = (ThreadCpuTime.Nanoseconds() - start) / 1e3 / batches.Length;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(single);
        Array.Sort(batch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mihprobe n={index.Count} single_cpu_us={single[passes / 2]:0.0} (min {single[0]:0.0}) batch8_cpu_us={batch[passes / 2]:0.0} (min {batch[0]:0.0}) ratio={batch[passes / 2] / single[passes / 2]:0.00} matches/pass={matches / passes} alloc_bytes/search={(double)allocated / passes / (queries.Length + batches.Length):0}"));
    }
}
