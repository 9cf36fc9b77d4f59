namespace Takedown.Hashing.Exact;

/// <summary>The MD5 and SHA-256 of a file's bytes, for the exact-hash bank (identical copies).</summary>
public sealed record ContentHashes
{
    /// <summary>Creates the value from the two digests (16 and 32 bytes).</summary>
    /// <exception cref="ArgumentException">A digest has the wrong length.</exception>
    public ContentHashes(byte[] md5, byte[] sha256, long length)
    {
        ArgumentNullException.ThrowIfNull(md5);
        ArgumentNullException.ThrowIfNull(sha256);
        if (md5.Length != 16)
        {
            throw new ArgumentException("MD5 is 16 bytes.", nameof(md5));
        }

        if (sha256.Length != 32)
        {
            throw new ArgumentException("SHA-256 is 32 bytes.", nameof(sha256));
        }

        Md5Hex = Convert.ToHexStringLower(md5);
        Sha256Hex = Convert.ToHexStringLower(sha256);
        Length = length;
    }

    /// <summary>MD5 as 32 lowercase hex digits (the ThreatExchange/HMA <c>video_md5</c> form).</summary>
    public string Md5Hex { get; }

    /// <summary>SHA-256 as 64 lowercase hex digits.</summary>
    public string Sha256Hex { get; }

    /// <summary>Number of bytes hashed.</summary>
    public long Length { get; }
}
