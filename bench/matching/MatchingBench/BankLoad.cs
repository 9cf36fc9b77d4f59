using System.Diagnostics;
using System.Globalization;
using Takedown.Hashing.Pdq;
using Takedown.Matching.Banks;

namespace MatchingBench;

/// <summary>Writes a bank file of the given hashes (100,000 distinct labels), then times loading it and indexing it.</summary>
internal static class BankLoad
{
    public static void Run(string hashesPath, string bankPath)
    {
        PdqHash[] hashes = DataFiles.Read(hashesPath);
        var bank = new HashBank("bench");
        for (int i = 0; i < hashes.Length; i++)
        {
            bank.Add(hashes[i], string.Create(CultureInfo.InvariantCulture, $"case-{i % 100_000}"));
        }

        HashBankFile.Save(bankPath, [bank]);
        hashes = [];
        bank = null;
        GC.Collect();

        // Warm the page cache once, as a node restarting on its own data would find it.
        File.ReadAllBytes(bankPath);
        GC.Collect();

        var load = Stopwatch.StartNew();
        List<HashBank> banks = HashBankFile.Load(bankPath);
        load.Stop();
        var index = Stopwatch.StartNew();
        using var matcher = new BankMatcher(banks);
        index.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"csharp bankload strategy=bank n={banks[0].Count} megabytes={new FileInfo(bankPath).Length / 1e6:0.0} " +
            $"load_seconds={load.Elapsed.TotalSeconds:0.000} matcher_seconds={load.Elapsed.TotalSeconds + index.Elapsed.TotalSeconds:0.000}"));
    }
}
