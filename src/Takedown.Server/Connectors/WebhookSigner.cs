using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Takedown.Server.Connectors;

/// <summary>
/// Signs webhook bodies: <c>X-Takedown-Timestamp: UNIX_SECONDS</c> and
/// <c>X-Takedown-Signature: sha256=HEX(HMAC-SHA256(secret, TIMESTAMP + "." + BODY))</c>. Receivers reject stale
/// timestamps (replay) and compare signatures in constant time.
/// </summary>
public static class WebhookSigner
{
    /// <summary>Header carrying the timestamp.</summary>
    public const string TimestampHeader = "X-Takedown-Timestamp";

    /// <summary>Header carrying the signature.</summary>
    public const string SignatureHeader = "X-Takedown-Signature";

    /// <summary>Computes the signature header value.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, long timestamp, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return "sha256=" + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Verifies a signature and that the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out long timestamp) || signatureHeader is null)
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        byte[] presented = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
