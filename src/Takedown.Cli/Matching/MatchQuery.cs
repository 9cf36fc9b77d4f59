using Takedown.Hashing.Pdq;

namespace Takedown.Cli.Matching;

/// <summary>What one output line group is about: a name (the PATH column) and 1..8 query hashes.</summary>
internal sealed record MatchQuery(string Name, PdqHash[] Hashes);
