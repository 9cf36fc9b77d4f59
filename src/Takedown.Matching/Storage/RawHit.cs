namespace Takedown.Matching.Storage;

/// <summary>A position within the radius of query <see cref="QueryIndex"/>, before ids are looked up and deduplicated.</summary>
internal readonly record struct RawHit(int Position, int Distance, int QueryIndex);
