using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Banks;

/// <summary>One line of a hash list.</summary>
/// <param name="Hash">The PDQ hash.</param>
/// <param name="Label">
/// The label (HMA <c>hash,label</c>), the path (<c>takedown hash</c> output, also the video's path on a video line), or
/// null for a bare hash.
/// </param>
/// <param name="Quality">The quality column, when the line has one.</param>
/// <param name="LineNumber">1-based line number in the source.</param>
/// <param name="Frame">
/// For a vPDQ video line (<c>FRAME,QUALITY,HASH,TIMESTAMP[,PATH]</c>), the frame number; null for an image hash line.
/// </param>
public readonly record struct HashListEntry(PdqHash Hash, string? Label, int? Quality, int LineNumber, int? Frame = null);
