using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Takedown.Matching.Exact;

/// <summary>An MD5 or SHA-256 digest, as a value (no heap allocation).</summary>
public readonly struct ExactHash : IEquatable<ExactHash>
{
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private ExactHash(ExactHashAlgorithm algorithm, ReadOnlySpan<byte> digest)
    {
        Algorithm = algorithm;
        _a = BinaryPrimitives.ReadUInt64BigEndian(digest);
        _b = BinaryPrimitives.ReadUInt64BigEndian(digest[8..]);
        if (digest.Length == 32)
        {
            _c = BinaryPrimitives.ReadUInt64BigEndian(digest[16..]);
            _d = BinaryPrimitives.ReadUInt64BigEndian(digest[24..]);
        }
    }

    /// <summary>Which digest this is.</summary>
    public ExactHashAlgorithm Algorithm { get; }

    /// <summary>Digest length in bytes (16 or 32).</summary>
    public int Length => LengthOf(Algorithm);

    /// <summary>The digest length of an algorithm.</summary>
    public static int LengthOf(ExactHashAlgorithm algorithm) => algorithm == ExactHashAlgorithm.Md5 ? 16 : 32;

    /// <summary>Creates a value from a digest of the algorithm's length.</summary>
    /// <exception cref="ArgumentException">The digest has the wrong length or the algorithm is unknown.</exception>
    public static ExactHash Create(ExactHashAlgorithm algorithm, ReadOnlySpan<byte> digest)
    {
        if (algorithm is not (ExactHashAlgorithm.Md5 or ExactHashAlgorithm.Sha256) || digest.Length != LengthOf(algorithm))
        {
            throw new ArgumentException($"A {algorithm} digest is {LengthOf(algorithm)} bytes.", nameof(digest));
        }

        return new ExactHash(algorithm, digest);
    }

    /// <summary>Parses hex digits (32 for MD5, 64 for SHA-256, either case).</summary>
    public static bool TryParse(ExactHashAlgorithm algorithm, ReadOnlySpan<char> hex, out ExactHash hash)
    {
        hash = default;
        int length = LengthOf(algorithm);
        Span<byte> digest = stackalloc byte[32];
        if (hex.Length != 2 * length ||
            Convert.FromHexString(hex, digest[..length], out _, out int written) != System.Buffers.OperationStatus.Done ||
            written != length)
        {
            return false;
        }

        hash = new ExactHash(algorithm, digest[..length]);
        return true;
    }

    /// <summary>Parses hex digits, throwing on bad input.</summary>
    /// <exception cref="FormatException">Not the right number of hex digits.</exception>
    public static ExactHash Parse(ExactHashAlgorithm algorithm, ReadOnlySpan<char> hex) =>
        TryParse(algorithm, hex, out ExactHash hash)
            ? hash
            : throw new FormatException($"A {algorithm} hash is {2 * LengthOf(algorithm)} hexadecimal digits.");

    /// <summary>Writes the digest bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        if (Length == 32)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
            BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
        }
    }

    /// <summary>The digest as lowercase hex.</summary>
    public override string ToString()
    {
        Span<byte> digest = stackalloc byte[32];
        CopyTo(digest);
        return Convert.ToHexStringLower(digest[..Length]);
    }

    /// <inheritdoc/>
    public bool Equals(ExactHash other) =>
        Algorithm == other.Algorithm && _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is ExactHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Algorithm, _a, _b, _c, _d);

    /// <summary>Equality of algorithm and digest.</summary>
    public static bool operator ==(ExactHash left, ExactHash right) => left.Equals(right);

    /// <summary>Inequality of algorithm or digest.</summary>
    public static bool operator !=(ExactHash left, ExactHash right) => !left.Equals(right);
}
