using System.Buffers;
using System.Text;
using Takedown.Core.Media;

namespace Takedown.Data.Sql;

/// <summary>
/// How bank signals and bank content keys are stored since migration 0009 (compact signals). A PDQ, MD5 or SHA-256
/// value written as canonical lowercase hexadecimal of its exact length is stored as its raw bytes (32, 16, 32) in a
/// <c>hash</c> column with a NULL text <c>value</c>; anything else (vPDQ, a non-canonical value) keeps its text.
/// Decoding gives back the same lowercase text, so every reader sees exactly what was written. A content row's
/// source key is stored as <c>key_bytes</c>: one tag byte then, for a key <c>&lt;kind&gt;:&lt;hex&gt;</c> of those three kinds
/// (the form a hash-list import uses), the raw hash bytes (<see cref="Md5Tag"/>, <see cref="PdqTag"/>,
/// <see cref="Sha256Tag"/>); for any other key <see cref="TextTag"/> and the key's UTF-8 bytes. Tags follow the kind
/// names' order, so a byte-ordered list of encoded keys is in the kinds' text order too. Migration 0009 applies the
/// same rules in SQL to existing rows.
/// </summary>
internal static class SignalCodec
{
    /// <summary>Tag of a key kept as UTF-8 text.</summary>
    public const byte TextTag = 0;

    /// <summary>Tag of an <c>md5:</c> key (16 bytes follow).</summary>
    public const byte Md5Tag = 1;

    /// <summary>Tag of a <c>pdq:</c> key (32 bytes follow).</summary>
    public const byte PdqTag = 2;

    /// <summary>Tag of a <c>sha256:</c> key (32 bytes follow).</summary>
    public const byte Sha256Tag = 3;

    /// <summary>The longest encoded hash key: tag and 32 bytes.</summary>
    public const int MaxHashKeyBytes = 33;

    private static readonly SearchValues<char> s_lowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>The raw bytes a signal value is stored as, or null when it is kept as text.</summary>
    public static byte[]? HashOf(HashKind kind, string value)
    {
        int bytes = BinaryLength(kind);
        if (bytes == 0 || !IsCanonicalHex(value, bytes))
        {
            return null;
        }

        return Convert.FromHexString(value);
    }

    /// <summary>The signal value from its stored columns (text, or raw bytes shown as lowercase hexadecimal).</summary>
    public static string Value(string? text, byte[]? hash) =>
        hash is not null ? Convert.ToHexStringLower(hash) : text ?? throw new InvalidOperationException("A stored signal has neither text nor hash.");

    /// <summary>The stored form of a content source key.</summary>
    public static byte[] EncodeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && TagOf(key.AsSpan(0, colon)) is var (tag, bytes) && IsCanonicalHex(key.AsSpan(colon + 1), bytes))
        {
            byte[] encoded = new byte[1 + bytes];
            encoded[0] = tag;
            Convert.FromHexString(key.AsSpan(colon + 1), encoded.AsSpan(1), out _, out _);
            return encoded;
        }

        byte[] text = new byte[1 + Encoding.UTF8.GetByteCount(key)];
        Encoding.UTF8.GetBytes(key, text.AsSpan(1));
        return text;
    }

    /// <summary>The length of the stored hash key of <paramref name="kind"/> and <paramref name="value"/>, or 0 when it is kept as text.</summary>
    public static int HashKeyLength(HashKind kind, ReadOnlySpan<char> value)
    {
        int bytes = BinaryLength(kind);
        return bytes != 0 && IsCanonicalHex(value, bytes) ? 1 + bytes : 0;
    }

    /// <summary>
    /// Writes the stored key of <paramref name="kind"/> and <paramref name="value"/> (the import key
    /// <c>&lt;kind&gt;:&lt;value&gt;</c>) into <paramref name="destination"/> when it is a hash key; false when it is kept as text.
    /// </summary>
    public static bool TryEncodeHashKey(HashKind kind, ReadOnlySpan<char> value, Span<byte> destination, out int written)
    {
        written = 0;
        int bytes = BinaryLength(kind);
        if (bytes == 0 || !IsCanonicalHex(value, bytes) || destination.Length < 1 + bytes)
        {
            return false;
        }

        destination[0] = kind switch { HashKind.Md5 => Md5Tag, HashKind.Pdq => PdqTag, _ => Sha256Tag };
        Convert.FromHexString(value, destination.Slice(1, bytes), out _, out _);
        written = 1 + bytes;
        return true;
    }

    /// <summary>The stored key <c>&lt;kind&gt;:&lt;hex&gt;</c> of a raw hash (<see cref="HashOf"/>): its kind's tag, then the bytes.</summary>
    public static byte[] HashKey(HashKind kind, ReadOnlySpan<byte> hash)
    {
        byte tag = kind switch
        {
            HashKind.Md5 => Md5Tag,
            HashKind.Pdq => PdqTag,
            HashKind.Sha256 => Sha256Tag,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only MD5, PDQ and SHA-256 values are stored as raw hashes."),
        };
        byte[] key = new byte[1 + hash.Length];
        key[0] = tag;
        hash.CopyTo(key.AsSpan(1));
        return key;
    }

    /// <summary>
    /// The <c>key_kind</c> of a content row with this stored key (migration 0011: the key is also the row's one signal):
    /// the kind's name for a hash key, null for a text key (whose signal is a <c>bank_signals</c> row).
    /// </summary>
    public static string? KeyKind(ReadOnlySpan<byte> key) => key.IsEmpty ? null : key[0] switch
    {
        Md5Tag => "md5",
        PdqTag => "pdq",
        Sha256Tag => "sha256",
        _ => null,
    };

    /// <summary>The source key from its stored form.</summary>
    public static string DecodeKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new FormatException("An empty stored source key.");
        }

        string? kind = key[0] switch { Md5Tag => "md5:", PdqTag => "pdq:", Sha256Tag => "sha256:", TextTag => null, _ => throw new FormatException($"Unknown source key tag {key[0]}.") };
        return kind is null ? Encoding.UTF8.GetString(key[1..]) : kind + Convert.ToHexStringLower(key[1..]);
    }

    private static int BinaryLength(HashKind kind) => kind switch
    {
        HashKind.Md5 => 16,
        HashKind.Pdq or HashKind.Sha256 => 32,
        _ => 0,
    };

    private static (byte Tag, int Bytes)? TagOf(ReadOnlySpan<char> kind) => kind switch
    {
        "md5" => (Md5Tag, 16),
        "pdq" => (PdqTag, 32),
        "sha256" => (Sha256Tag, 32),
        _ => null,
    };

    private static bool IsCanonicalHex(ReadOnlySpan<char> value, int bytes) => value.Length == 2 * bytes && !value.ContainsAnyExcept(s_lowerHex);
}
