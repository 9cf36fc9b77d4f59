using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Takedown.Server.Auth;

/// <summary>
/// Moderator passwords: PBKDF2-HMAC-SHA256 (<see cref="Rfc2898DeriveBytes.Pbkdf2(string, byte[], int, HashAlgorithmName, int)"/>),
/// 600,000 iterations (OWASP 2023), 16-byte random salt, stored as <c>pbkdf2-sha256$ITER$SALT$HASH</c>.
/// </summary>
public static class PasswordHasher
{
    /// <summary>Iterations for new hashes.</summary>
    public const int Iterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";

    /// <summary>Hashes a password for storage.</summary>
    public static string Hash(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Checks a password against a stored hash in constant time.</summary>
    public static bool Verify(string password, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < 100_000)
        {
            return false;
        }

        byte[] salt = Convert.FromBase64String(parts[2]);
        byte[] expected = Convert.FromBase64String(parts[3]);
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A random password to print once (first admin).</summary>
    public static string RandomPassword() => Core.Security.SecretToken.Create(18);
}
