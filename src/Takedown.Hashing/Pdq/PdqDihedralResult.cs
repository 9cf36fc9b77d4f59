using System.Runtime.CompilerServices;

namespace Takedown.Hashing.Pdq;

/// <summary>
/// The eight dihedral PDQ hashes of one image (from one filter and DCT run, as the reference's
/// <c>pdqDihedralHash256esFromFloatLuma</c>) and their shared quality. A value type: no allocation.
/// </summary>
public readonly struct PdqDihedralResult : IEquatable<PdqDihedralResult>
{
    /// <summary>Number of hashes: one per <see cref="Dihedral"/> value.</summary>
    public const int Count = 8;

    private readonly HashArray _hashes;

    internal PdqDihedralResult(in HashArray hashes, int quality)
    {
        _hashes = hashes;
        Quality = quality;
    }

    /// <summary>The reference's image-domain quality metric, 0..100 (shared by all eight hashes).</summary>
    public int Quality { get; }

    /// <summary>The hash of the image as it is (equals the plain hash except for exactly 64x64 inputs; see remarks on <see cref="PdqHasher"/>).</summary>
    public PdqHash Original => _hashes[0];

    /// <summary>The hash of the image transformed by <paramref name="transform"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="transform"/> is not a defined value.</exception>
    public PdqHash this[Dihedral transform]
    {
        get
        {
            if ((uint)transform >= Count)
            {
                ThrowTransformOutOfRange(transform);
            }

            return _hashes[(int)transform];
        }
    }

    /// <summary>The hash of <paramref name="transform"/> with the quality, as a <see cref="PdqResult"/>.</summary>
    public PdqResult GetResult(Dihedral transform) => new(this[transform], Quality);

    /// <summary>Writes the eight hashes in <see cref="Dihedral"/> order.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 8.</exception>
    public void CopyTo(Span<PdqHash> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException("Destination needs room for 8 hashes.", nameof(destination));
        }

        ((ReadOnlySpan<PdqHash>)_hashes).CopyTo(destination);
    }

    /// <inheritdoc/>
    public bool Equals(PdqDihedralResult other) =>
        Quality == other.Quality && ((ReadOnlySpan<PdqHash>)_hashes).SequenceEqual(other._hashes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PdqDihedralResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_hashes[0], _hashes[1], Quality);

    /// <summary>Equality of all hashes and the quality.</summary>
    public static bool operator ==(PdqDihedralResult left, PdqDihedralResult right) => left.Equals(right);

    /// <summary>Inequality of any hash or the quality.</summary>
    public static bool operator !=(PdqDihedralResult left, PdqDihedralResult right) => !left.Equals(right);

    private static void ThrowTransformOutOfRange(Dihedral transform) =>
        throw new ArgumentOutOfRangeException(nameof(transform), transform, "Not a dihedral transform.");

    /// <summary>Inline storage for the eight hashes.</summary>
    [InlineArray(Count)]
    internal struct HashArray
    {
        private PdqHash _element0;
    }
}
