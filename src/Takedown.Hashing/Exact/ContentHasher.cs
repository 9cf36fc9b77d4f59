using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Takedown.Hashing.Exact;

/// <summary>
/// Computes MD5 and SHA-256 of content in one streaming pass (constant memory whatever the size).
/// MD5 is kept only because hash-exchange formats use it; matching never relies on MD5 alone.
/// </summary>
[SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
    Justification = "MD5 identifies content in hash-exchange formats (HMA video_md5); it is not a security control here.")]
public static class ContentHasher
{
    private const int BufferSize = 128 * 1024;

    /// <summary>Hashes the bytes of <paramref name="data"/>.</summary>
    public static ContentHashes Compute(ReadOnlySpan<byte> data) =>
        new(MD5.HashData(data), SHA256.HashData(data), data.Length);

    /// <summary>Hashes the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ContentHashes ComputeFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Compute(file);
    }

    /// <summary>Hashes <paramref name="stream"/> from its current position to its end.</summary>
    public static ContentHashes Compute(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                length += read;
            }

            return new ContentHashes(md5.GetHashAndReset(), sha256.GetHashAndReset(), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hashes <paramref name="stream"/> from its current position to its end, asynchronously.</summary>
    public static async Task<ContentHashes> ComputeAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                length += read;
            }

            return new ContentHashes(md5.GetHashAndReset(), sha256.GetHashAndReset(), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
