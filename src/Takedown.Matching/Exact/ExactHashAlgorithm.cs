namespace Takedown.Matching.Exact;

/// <summary>The cryptographic digests the exact-hash index holds.</summary>
public enum ExactHashAlgorithm : byte
{
    /// <summary>MD5, 16 bytes (hash-exchange formats such as HMA's <c>video_md5</c>).</summary>
    Md5 = 1,

    /// <summary>SHA-256, 32 bytes.</summary>
    Sha256 = 2,
}
