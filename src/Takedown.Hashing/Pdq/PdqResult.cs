namespace Takedown.Hashing.Pdq;

/// <summary>A PDQ hash with its quality (0..100; the reference discards hashes of quality 49 or less).</summary>
/// <param name="Hash">The 256-bit hash.</param>
/// <param name="Quality">The reference's image-domain quality metric, 0..100.</param>
public readonly record struct PdqResult(PdqHash Hash, int Quality);
