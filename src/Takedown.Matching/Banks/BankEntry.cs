using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Banks;

/// <summary>A perceptual hash in a bank with its label (a case number, content id or list reference).</summary>
/// <param name="Hash">The PDQ hash.</param>
/// <param name="Label">The label.</param>
public readonly record struct BankEntry(PdqHash Hash, string Label);
