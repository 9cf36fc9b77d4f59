using System.Globalization;
using Takedown.Hashing.Pdq;

namespace Takedown.Server.Web;

/// <summary>
/// PDQ hashes the requester's browser made from their own photo (the photo itself never leaves the device). The
/// form's script sends <c>HASH,QUALITY</c> lines in a hidden field; anything malformed is dropped.
/// </summary>
internal static class DeviceHashes
{
    /// <summary>Most hashes accepted with one request.</summary>
    public const int MaxHashes = 20;

    /// <summary>Start of the case note that records the hashes.</summary>
    public const string NotePrefix = "On-device PDQ hashes filed by the requester (the image was not sent):";

    /// <summary>Parses the hidden field.</summary>
    public static IReadOnlyList<PdqResult> Parse(string? field)
    {
        var hashes = new List<PdqResult>();
        foreach (string line in (field ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split(',');
            if (parts.Length == 2 && parts[0].Length == 64 && PdqHash.TryParse(parts[0], out PdqHash hash) &&
                int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int quality) && quality <= 100 &&
                !hashes.Exists(h => h.Hash == hash))
            {
                hashes.Add(new PdqResult(hash, quality));
                if (hashes.Count == MaxHashes)
                {
                    break;
                }
            }
        }

        return hashes;
    }

    /// <summary>The case note text: the prefix, then one <c>pdq HASH quality Q</c> line per hash.</summary>
    public static string ToNote(IReadOnlyList<PdqResult> hashes) =>
        NotePrefix + string.Concat(hashes.Select(h => string.Create(CultureInfo.InvariantCulture, $"\npdq {h.Hash} quality {h.Quality}")));
}
