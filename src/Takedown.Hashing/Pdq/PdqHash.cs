using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Takedown.Hashing.Pdq;

/// <summary>
/// A 256-bit PDQ hash.
/// </summary>
/// <remarks>
/// Bit <c>k</c> (0..255) is DCT coefficient <c>(row k / 16, column k % 16)</c>, as in the reference's
/// <c>Hash256</c> where bit k lives in 16-bit word <c>k &gt;&gt; 4</c>. The hex form is the 256-bit
/// big-endian integer <c>Σ bit_k · 2^k</c>: 64 lowercase hex digits, the last digit holding bits 0..3.
/// Storage is four little-endian 64-bit words: <see cref="Word0"/> holds bits 0..63.
/// </remarks>
public readonly struct PdqHash : IEquatable<PdqHash>, ISpanFormattable, ISpanParsable<PdqHash>
{
    /// <summary>Number of bits in a PDQ hash.</summary>
    public const int BitCount = 256;

    /// <summary>Length of the hexadecimal form.</summary>
    public const int HexLength = 64;

    /// <summary>Number of bytes in the binary form.</summary>
    public const int ByteCount = 32;

    /// <summary>Creates a hash from its four 64-bit words, least significant first.</summary>
    public PdqHash(ulong word0, ulong word1, ulong word2, ulong word3)
    {
        Word0 = word0;
        Word1 = word1;
        Word2 = word2;
        Word3 = word3;
    }

    /// <summary>The all-zero hash (the reference's answer for images smaller than 5 pixels).</summary>
    public static PdqHash Zero => default;

    /// <summary>Bits 0..63 (DCT rows 0..3).</summary>
    public ulong Word0 { get; }

    /// <summary>Bits 64..127 (DCT rows 4..7).</summary>
    public ulong Word1 { get; }

    /// <summary>Bits 128..191 (DCT rows 8..11).</summary>
    public ulong Word2 { get; }

    /// <summary>Bits 192..255 (DCT rows 12..15).</summary>
    public ulong Word3 { get; }

    /// <summary>Number of set bits (128 for a typical hash).</summary>
    public int PopCount =>
        BitOperations.PopCount(Word0) + BitOperations.PopCount(Word1) +
        BitOperations.PopCount(Word2) + BitOperations.PopCount(Word3);

    /// <summary>Creates a hash from four words, least significant first.</summary>
    public static PdqHash FromWords(ReadOnlySpan<ulong> words)
    {
        if (words.Length < 4)
        {
            throw new ArgumentException("A PDQ hash needs four 64-bit words.", nameof(words));
        }

        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>Writes the four words, least significant first.</summary>
    public void CopyTo(Span<ulong> destination)
    {
        if (destination.Length < 4)
        {
            throw new ArgumentException("Destination needs four 64-bit words.", nameof(destination));
        }

        destination[0] = Word0;
        destination[1] = Word1;
        destination[2] = Word2;
        destination[3] = Word3;
    }

    /// <summary>
    /// Creates a hash from 32 bytes in the big-endian order of its hex form (byte 0 holds bits 248..255),
    /// the order python-threatexchange and FAISS use (<c>binascii.unhexlify</c>).
    /// </summary>
    public static PdqHash FromBigEndianBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < ByteCount)
        {
            throw new ArgumentException("A PDQ hash needs 32 bytes.", nameof(bytes));
        }

        return new PdqHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>Writes 32 bytes in the big-endian order of the hex form (see <see cref="FromBigEndianBytes"/>).</summary>
    public void WriteBigEndianBytes(Span<byte> destination)
    {
        if (destination.Length < ByteCount)
        {
            throw new ArgumentException("Destination needs 32 bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, Word3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Word2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], Word1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], Word0);
    }

    /// <summary>Returns bit <paramref name="index"/> (0..255).</summary>
    public bool GetBit(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BitCount);
        ulong word = (index >> 6) switch
        {
            0 => Word0,
            1 => Word1,
            2 => Word2,
            _ => Word3,
        };
        return ((word >> (index & 63)) & 1) != 0;
    }

    /// <summary>Hamming distance: the number of bits that differ (0..256).</summary>
    public int DistanceTo(PdqHash other) => Distance(this, other);

    /// <summary>Hamming distance between two hashes (0..256).</summary>
    public static int Distance(PdqHash a, PdqHash b) =>
        BitOperations.PopCount(a.Word0 ^ b.Word0) + BitOperations.PopCount(a.Word1 ^ b.Word1) +
        BitOperations.PopCount(a.Word2 ^ b.Word2) + BitOperations.PopCount(a.Word3 ^ b.Word3);

    /// <summary>Parses 64 hex digits (either case), as the reference's <c>Hash256::fromStringOrDie</c> does.</summary>
    /// <exception cref="FormatException">The text is not exactly 64 hex digits.</exception>
    public static PdqHash Parse(string s) => Parse(s.AsSpan());

    /// <inheritdoc cref="Parse(string)"/>
    public static PdqHash Parse(ReadOnlySpan<char> s) =>
        TryParse(s, out PdqHash hash)
            ? hash
            : throw new FormatException("A PDQ hash is exactly 64 hexadecimal digits.");

    /// <summary>Tries to parse 64 hex digits (either case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out PdqHash result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse 64 hex digits (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out PdqHash result)
    {
        result = default;
        if (s.Length != HexLength)
        {
            return false;
        }

        if (!ulong.TryParse(s[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong w3) ||
            !ulong.TryParse(s[16..32], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong w2) ||
            !ulong.TryParse(s[32..48], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong w1) ||
            !ulong.TryParse(s[48..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong w0))
        {
            return false;
        }

        result = new PdqHash(w0, w1, w2, w3);
        return true;
    }

    /// <summary>The 64-digit lowercase hex form, as the reference prints it.</summary>
    public override string ToString() => string.Create(HexLength, this, static (span, hash) => hash.TryFormat(span, out _));

    /// <summary>Writes the 64-digit lowercase hex form.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < HexLength)
        {
            charsWritten = 0;
            return false;
        }

        Word3.TryFormat(destination, out _, "x16", CultureInfo.InvariantCulture);
        Word2.TryFormat(destination[16..], out _, "x16", CultureInfo.InvariantCulture);
        Word1.TryFormat(destination[32..], out _, "x16", CultureInfo.InvariantCulture);
        Word0.TryFormat(destination[48..], out _, "x16", CultureInfo.InvariantCulture);
        charsWritten = HexLength;
        return true;
    }

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    static PdqHash IParsable<PdqHash>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<PdqHash>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PdqHash result) =>
        TryParse(s, out result);

    static PdqHash ISpanParsable<PdqHash>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    static bool ISpanParsable<PdqHash>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out PdqHash result) =>
        TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(PdqHash other) =>
        Word0 == other.Word0 && Word1 == other.Word1 && Word2 == other.Word2 && Word3 == other.Word3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PdqHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Word0, Word1, Word2, Word3);

    /// <summary>Equality of all 256 bits.</summary>
    public static bool operator ==(PdqHash left, PdqHash right) => left.Equals(right);

    /// <summary>Inequality of any bit.</summary>
    public static bool operator !=(PdqHash left, PdqHash right) => !left.Equals(right);
}
