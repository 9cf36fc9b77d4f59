using Takedown.Matching.Banks;

namespace Takedown.Cli.Matching;

/// <summary>Loads a BANK argument: a compact bank file (sniffed by its magic) or a text hash list.</summary>
internal static class BankLoader
{
    /// <summary>The quality below which hashes are left out of a bank, as the reference and HMA do.</summary>
    public const int DefaultMinQuality = 50;

    /// <exception cref="BankFormatException">A bank file is invalid.</exception>
    /// <exception cref="HashListFormatException">A text list has malformed lines.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static List<HashBank> Load(string path, int minQuality = DefaultMinQuality)
    {
        if (HashBankFile.IsBankFile(path))
        {
            return HashBankFile.Load(path);
        }

        var bank = new HashBank(Path.GetFileNameWithoutExtension(path) is { Length: > 0 } name ? name : "bank");
        AddList(bank, HashListReader.ReadFile(path), minQuality);
        return [bank];
    }

    /// <summary>Adds the entries of a hash list, leaving out those whose quality column is below <paramref name="minQuality"/>.</summary>
    /// <returns>The number left out.</returns>
    public static int AddList(HashBank bank, List<HashListEntry> entries, int minQuality)
    {
        int skipped = 0;
        foreach (HashListEntry entry in entries)
        {
            if (entry.Quality < minQuality)
            {
                skipped++;
                continue;
            }

            bank.Add(entry.Hash, entry.Label ?? string.Empty);
        }

        return skipped;
    }
}
