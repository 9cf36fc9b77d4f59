using BenchmarkDotNet.Attributes;
using Takedown.Hashing.Pdq;
using Takedown.Matching;
using Takedown.Matching.Flat;
using Takedown.Matching.MultiIndex;
using Takedown.Matching.Storage;

namespace Takedown.Benchmarks.Matching;

/// <summary>
/// One radius-31 query against uniformly random hashes: the flat scan per kernel (scalar baseline) and multi-index
/// hashing, plus the eight-query dihedral batch. The 10M-entry side-by-side with FAISS is bench/matching/run.sh.
/// Run: dotnet run -c Release --project bench/Takedown.Benchmarks -- --filter '*HammingIndex*'
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class HammingIndexBenchmark
{
    private readonly List<HammingMatch> _results = [];
    private FlatHammingIndex _scalar = null!;
    private FlatHammingIndex _vector128 = null!;
    private FlatHammingIndex _vector256 = null!;
    private MultiIndexHammingIndex _multiIndex = null!;
    private PdqHash[] _query = null!;
    private PdqHash[] _dihedral = null!;

    [Params(100_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var hashes = new PdqHash[Entries];
        var ids = new long[Entries];
        for (int i = 0; i < Entries; i++)
        {
            hashes[i] = new PdqHash((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
            ids[i] = i;
        }

        _scalar = Build(new FlatHammingIndex(new HashStore(), ScanKernel.Scalar), hashes, ids);
        _vector128 = Build(new FlatHammingIndex(new HashStore(), FlatScanner.IsSupported(ScanKernel.Vector128) ? ScanKernel.Vector128 : ScanKernel.Scalar), hashes, ids);
        _vector256 = Build(new FlatHammingIndex(new HashStore(), FlatScanner.Best), hashes, ids);
        _multiIndex = new MultiIndexHammingIndex();
        _multiIndex.AddRange(hashes, ids);
        _query = [hashes[Entries / 2]];
        _dihedral = [.. Enumerable.Range(0, 8).Select(k => hashes[(Entries / 3) + k])];
    }

    private static FlatHammingIndex Build(FlatHammingIndex index, PdqHash[] hashes, long[] ids)
    {
        index.AddRange(hashes, ids);
        return index;
    }

    [Benchmark(Baseline = true)]
    public int FlatScalar()
    {
        _scalar.Search(_query, 31, _results);
        return _results.Count;
    }

    [Benchmark]
    public int FlatVector128()
    {
        _vector128.Search(_query, 31, _results);
        return _results.Count;
    }

    [Benchmark]
    public int FlatVector256()
    {
        _vector256.Search(_query, 31, _results);
        return _results.Count;
    }

    [Benchmark]
    public int FlatVector256Dihedral()
    {
        _vector256.Search(_dihedral, 31, _results);
        return _results.Count;
    }

    [Benchmark]
    public int MultiIndex()
    {
        _multiIndex.Search(_query, 31, _results);
        return _results.Count;
    }

    [Benchmark]
    public int MultiIndexDihedral()
    {
        _multiIndex.Search(_dihedral, 31, _results);
        return _results.Count;
    }
}
