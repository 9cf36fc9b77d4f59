using Takedown.Hashing.Pdq;

namespace Takedown.Matching;

/// <summary>One entry found by a radius query: its id, its best distance and which query reached it.</summary>
/// <param name="Id">The id the entry was added with.</param>
/// <param name="Distance">The smallest Hamming distance between the entry and any of the queries (0..256).</param>
/// <param name="QueryIndex">
/// Index, in the query span, of the query at that distance (the lowest index on ties). For a dihedral query
/// (eight hashes in <see cref="Dihedral"/> order) this is the variant that matched.
/// </param>
public readonly record struct HammingMatch(long Id, int Distance, int QueryIndex)
{
    /// <summary>The dihedral variant that matched, when the queries were the eight dihedral hashes in order.</summary>
    public Dihedral Variant => (Dihedral)QueryIndex;
}
