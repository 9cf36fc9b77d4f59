using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Takedown.Data.Protection;

/// <summary>
/// Encrypts personal-data fields at rest with AES-256-GCM. A stored value reads
/// <c>tdenc1:&lt;key id&gt;:&lt;base64url(nonce ‖ ciphertext ‖ tag)&gt;</c>; the associated data binds it to its column
/// and row (e.g. <c>cases.contact_email:TD-...</c>), so a value moved to another row or column does not decrypt.
/// Values without the prefix are read as plain text (rows written before encryption, re-encrypted at start-up).
/// </summary>
public sealed class FieldCipher(DataKeyRing keys)
{
    /// <summary>Prefix of every encrypted value.</summary>
    public const string Prefix = "tdenc1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int KeyIdChars = 8;

    /// <summary>The key ring.</summary>
    public DataKeyRing Keys { get; } = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <summary>Prefix of values already encrypted with the current key.</summary>
    public string CurrentPrefix => Prefix + Keys.CurrentId + ":";

    /// <summary>Whether a stored value is in the encrypted form.</summary>
    public static bool IsEncrypted(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Encrypts <paramref name="plaintext"/> for the field named by <paramref name="context"/>; null stays null.</summary>
    public string? Protect(string? plaintext, string context)
    {
        if (plaintext is null)
        {
            return null;
        }

        byte[] plain = Encoding.UTF8.GetBytes(plaintext);
        byte[] sealedValue = new byte[NonceBytes + plain.Length + TagBytes];
        Span<byte> nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(Keys.Current, TagBytes))
        {
            aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceBytes, plain.Length), sealedValue.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(context));
        }

        CryptographicOperations.ZeroMemory(plain);
        return CurrentPrefix + Base64Url.EncodeToString(sealedValue);
    }

    /// <summary>Decrypts a stored value; plain (legacy) values are returned as they are; null stays null.</summary>
    /// <exception cref="DataKeyException">The key is not in the ring, or the value fails authentication.</exception>
    public string? Unprotect(string? stored, string context)
    {
        if (stored is null || !IsEncrypted(stored))
        {
            return stored;
        }

        string keyId = KeyIdOf(stored);
        if (!Keys.TryGet(keyId, out byte[] key))
        {
            throw new DataKeyException(
                $"A stored value is encrypted with data key '{keyId}', which is not configured here (configured: {string.Join(", ", Keys.Ids)}). " +
                "Every node needs the same keys: set Takedown:DataKey or Takedown:DataKeyFile.");
        }

        byte[] sealedValue;
        try
        {
            sealedValue = Base64Url.DecodeFromChars(stored.AsSpan(Prefix.Length + KeyIdChars + 1));
        }
        catch (FormatException e)
        {
            throw new DataKeyException($"A stored value encrypted with data key '{keyId}' is damaged.", e);
        }

        if (sealedValue.Length < NonceBytes + TagBytes)
        {
            throw new DataKeyException($"A stored value encrypted with data key '{keyId}' is damaged.");
        }

        int length = sealedValue.Length - NonceBytes - TagBytes;
        byte[] plain = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedValue.AsSpan(0, NonceBytes), sealedValue.AsSpan(NonceBytes, length), sealedValue.AsSpan(NonceBytes + length), plain,
                Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new DataKeyException(
                $"A stored value encrypted with data key '{keyId}' failed authentication: it was altered or moved, or the key is wrong.", e);
        }

        string text = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return text;
    }

    /// <summary>The key id of an encrypted value.</summary>
    internal static string KeyIdOf(string stored)
    {
        if (stored.Length < Prefix.Length + KeyIdChars + 1 || stored[Prefix.Length + KeyIdChars] != ':')
        {
            throw new DataKeyException("A stored encrypted value is damaged (no key id).");
        }

        return stored.Substring(Prefix.Length, KeyIdChars);
    }
}
