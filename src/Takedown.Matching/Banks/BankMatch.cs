namespace Takedown.Matching.Banks;

/// <summary>A bank entry that matched a query.</summary>
/// <param name="Bank">The bank's name.</param>
/// <param name="Label">The entry's label.</param>
/// <param name="Distance">PDQ distance (0 for an exact-digest match).</param>
/// <param name="QueryIndex">Which query hash matched (the dihedral variant for an eight-hash query).</param>
public readonly record struct BankMatch(string Bank, string Label, int Distance, int QueryIndex);
