using Takedown.Matching.Video;

namespace Takedown.Server.Matching;

/// <summary>A banked video that shares matching frames with a query video.</summary>
/// <param name="EntryId">The bank entry (kind <c>vpdq</c>).</param>
/// <param name="CaseNumber">Its case.</param>
/// <param name="Result">Query and compared (banked) match percentages.</param>
public readonly record struct VideoBankMatch(long EntryId, string CaseNumber, VideoMatchResult Result);
