using Takedown.Core.Media;

namespace Takedown.Server.Matching;

/// <summary>A bank hash that matched a query.</summary>
/// <param name="EntryId">The bank entry.</param>
/// <param name="CaseNumber">Its case.</param>
/// <param name="Kind">Which hash matched.</param>
/// <param name="Distance">PDQ distance (0 for exact matches).</param>
public readonly record struct BankMatch(long EntryId, string CaseNumber, HashKind Kind, int Distance);
