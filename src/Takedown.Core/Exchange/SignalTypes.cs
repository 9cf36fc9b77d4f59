using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Takedown.Core.Media;

namespace Takedown.Core.Exchange;

/// <summary>
/// Signal type names on the wire (HMA / python-threatexchange names and Takedown's own) and hash value validation.
/// Values are normalised to lowercase hexadecimal of the exact length for their kind.
/// </summary>
public static class SignalTypes
{
    private static readonly SearchValues<char> s_hex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The HMA signal type name of a hash kind: <c>pdq</c>, <c>video_md5</c> or <c>video_sha256</c>.</summary>
    public static string HmaName(HashKind kind) => kind switch
    {
        HashKind.Pdq => "pdq",
        HashKind.Md5 => "video_md5",
        HashKind.Sha256 => "video_sha256",
        HashKind.Vpdq => "vpdq",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Takedown's own short name of a hash kind: <c>pdq</c>, <c>md5</c> or <c>sha256</c>.</summary>
    public static string ShortName(HashKind kind) => kind switch
    {
        HashKind.Pdq => "pdq",
        HashKind.Md5 => "md5",
        HashKind.Sha256 => "sha256",
        HashKind.Vpdq => "vpdq",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Parses a signal type name: HMA's (<c>pdq</c>, <c>video_md5</c>, <c>video_sha256</c>), Takedown's (<c>md5</c>,
    /// <c>sha256</c>), ThreatExchange indicator types (<c>HASH_PDQ</c>, <c>HASH_MD5</c>, <c>HASH_VIDEO_MD5</c>,
    /// <c>HASH_SHA256</c>) and StopNCII's (<c>ImagePDQ</c>, <c>VideoMD5</c>). Case-insensitive.
    /// </summary>
    public static bool TryParse(string? name, out HashKind kind)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "PDQ" or "HASH_PDQ" or "IMAGEPDQ":
                kind = HashKind.Pdq;
                return true;
            case "MD5" or "VIDEO_MD5" or "HASH_MD5" or "HASH_VIDEO_MD5" or "VIDEOMD5":
                kind = HashKind.Md5;
                return true;
            case "SHA256" or "VIDEO_SHA256" or "HASH_SHA256" or "HASH_VIDEO_SHA256":
                kind = HashKind.Sha256;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>Number of hexadecimal digits of a hash of this kind.</summary>
    public static int HexLength(HashKind kind) => kind switch
    {
        HashKind.Pdq => 64,
        HashKind.Md5 => 32,
        HashKind.Sha256 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Validates <paramref name="value"/> as a hash of <paramref name="kind"/> and returns it trimmed and lowercased.
    /// </summary>
    /// <returns>False with a reason in <paramref name="error"/> when the value is not a hash of that kind.</returns>
    public static bool TryNormalize(HashKind kind, string? value, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        ReadOnlySpan<char> span = value.AsSpan().Trim();
        int length = HexLength(kind);
        if (span.Length != length)
        {
            error = $"a {ShortName(kind)} hash has {length} hexadecimal digits, this one has {span.Length}";
            return false;
        }

        if (span.ContainsAnyExcept(s_hex))
        {
            error = $"a {ShortName(kind)} hash has only hexadecimal digits";
            return false;
        }

        normalized = span.ToString().ToLowerInvariant();
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryNormalize"/> but throws <see cref="ExchangeFormatException"/> with the reason.</summary>
    public static string Normalize(HashKind kind, string? value) =>
        TryNormalize(kind, value, out string? normalized, out string? error) ? normalized : throw new ExchangeFormatException(error);
}
