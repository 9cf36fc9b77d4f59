using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Matching.Banks;

namespace Takedown.Cli.Matching;

/// <summary>Runs <c>takedown match</c>: queries from images or hash lists, one <c>PATH,LABEL,DISTANCE</c> line per match.</summary>
internal sealed class MatchRunner(
    BankMatcher matcher, int? threshold, bool dihedral, TextWriter output, TextWriter error, VideoBankMatcher? videos = null)
{
    /// <summary>Matches every path; returns 1 if any could not be read, else 0.</summary>
    public int Run(IEnumerable<string> paths, bool hashLists, CancellationToken cancellationToken)
    {
        int exitCode = 0;
        foreach (string path in Expand(paths, hashLists))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (hashLists)
                {
                    foreach (MatchQuery query in HashListQueries.Read(path))
                    {
                        Write(query);
                    }
                }
                else if (videos is not null && VideoFiles.HasVideoExtension(path))
                {
                    videos.MatchAsync(path, cancellationToken).GetAwaiter().GetResult().ForEach(output.WriteLine);
                }
                else
                {
                    Write(new MatchQuery(path, ImageQueryHashes(path)));
                }
            }
            catch (Exception e) when (e is ImageDecodeException or VideoDecodeException or IOException or UnauthorizedAccessException or HashListFormatException)
            {
                error.WriteLine($"{path}: {e.Message}");
                exitCode = 1;
            }
        }

        return exitCode;
    }

    private PdqHash[] ImageQueryHashes(string path)
    {
        if (!dihedral)
        {
            return [ImageHasher.ComputeHash(path).Hash];
        }

        var hashes = new PdqHash[PdqDihedralResult.Count];
        ImageHasher.ComputeDihedralHashes(path).CopyTo(hashes);
        return hashes;
    }

    private void Write(MatchQuery query)
    {
        foreach (BankMatch match in matcher.Match(query.Hashes, threshold))
        {
            string label = match.Label.Length > 0 ? match.Label : "(no label)";
            output.WriteLine($"{query.Name},{label},{match.Distance}");
        }
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths, bool hashLists)
    {
        foreach (string path in paths)
        {
            if (!hashLists && Directory.Exists(path))
            {
                foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
