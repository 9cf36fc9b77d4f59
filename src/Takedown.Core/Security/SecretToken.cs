using System.Security.Cryptography;
using System.Text;

namespace Takedown.Core.Security;

/// <summary>
/// Random secrets handed out once (requester status tokens, API keys) and stored only as SHA-256 hashes.
/// 256-bit random values need no salt or stretching.
/// </summary>
public static class SecretToken
{
    /// <summary>Creates a URL-safe random token of <paramref name="bytes"/> random bytes.</summary>
    public static string Create(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>The stored form of a token.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    public static bool Verify(string? token, ReadOnlySpan<byte> storedHash)
    {
        byte[] presented = SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(presented, storedHash) && token is not null;
    }

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
