using Takedown.Hashing.Pdq;
using Takedown.Matching.Banks;

namespace Takedown.Cli.Matching;

/// <summary>
/// Queries from a hash list (<c>match --hashes</c>): each line is a query named by its label or path column
/// (<c>FILE:LINE</c> for a bare hash). Consecutive lines with the same name, such as the eight lines of
/// <c>takedown hash --dihedral</c>, form one query of up to eight hashes.
/// </summary>
internal static class HashListQueries
{
    public static IEnumerable<MatchQuery> Read(string path)
    {
        List<HashListEntry> entries = HashListReader.ReadFile(path);
        var group = new List<PdqHash>(PdqDihedralResult.Count);
        string? name = null;
        foreach (HashListEntry entry in entries)
        {
            string entryName = entry.Label ?? $"{path}:{entry.LineNumber}";
            if (name is not null && (entryName != name || group.Count == PdqDihedralResult.Count))
            {
                yield return new MatchQuery(name, [.. group]);
                group.Clear();
            }

            name = entryName;
            group.Add(entry.Hash);
        }

        if (name is not null)
        {
            yield return new MatchQuery(name, [.. group]);
        }
    }
}
