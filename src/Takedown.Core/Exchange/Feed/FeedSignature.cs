using System.Security.Cryptography;
using System.Text;

namespace Takedown.Core.Exchange.Feed;

/// <summary>
/// Signs and verifies feed page bodies with ECDSA P-256 over SHA-256 (IEEE P1363 signature, base64). The header
/// value is <c>ecdsa-p256-sha256=&lt;base64&gt;</c>. Publishers keep the PKCS#8 private key; subscribers pin the
/// publisher's SubjectPublicKeyInfo (PEM or base64 DER).
/// </summary>
public static class FeedSignature
{
    /// <summary>The HTTP header that carries the signature.</summary>
    public const string HeaderName = "Takedown-Feed-Signature";

    private const string Scheme = "ecdsa-p256-sha256=";

    /// <summary>Creates a new key pair: PKCS#8 private key PEM and SubjectPublicKeyInfo public key PEM.</summary>
    public static (string PrivateKeyPem, string PublicKeyPem) CreateKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>The public key PEM of a private key PEM.</summary>
    public static string PublicKeyOf(string privateKeyPem)
    {
        using ECDsa key = Load(privateKeyPem, isPrivate: true);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Throws <see cref="ExchangeFormatException"/> unless <paramref name="publicKey"/> is an ECDSA P-256 public key.</summary>
    public static void ValidatePublicKey(string publicKey)
    {
        using ECDsa key = Load(publicKey, isPrivate: false);
    }

    /// <summary>Signs <paramref name="body"/>; returns the header value.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string privateKeyPem)
    {
        using ECDsa key = Load(privateKeyPem, isPrivate: true);
        byte[] signature = key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Scheme + Convert.ToBase64String(signature);
    }

    /// <summary>Verifies a header value over <paramref name="body"/>; throws <see cref="ExchangeFormatException"/> when it does not hold.</summary>
    public static void Verify(ReadOnlySpan<byte> body, string? headerValue, string publicKey)
    {
        if (string.IsNullOrEmpty(headerValue))
        {
            throw new ExchangeFormatException($"the feed page is not signed (no {HeaderName} header)");
        }

        if (!headerValue.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new ExchangeFormatException($"unsupported feed signature scheme; expected {Scheme.TrimEnd('=')}");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(headerValue[Scheme.Length..]);
        }
        catch (FormatException e)
        {
            throw new ExchangeFormatException("the feed signature is not base64", e);
        }

        using ECDsa key = Load(publicKey, isPrivate: false);
        if (!key.VerifyData(body, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new ExchangeFormatException("bad feed signature: the page was not signed by the subscribed publisher's key or was altered");
        }
    }

    private static ECDsa Load(string key, bool isPrivate)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            string text = key.Trim();
            if (text.StartsWith("-----", StringComparison.Ordinal))
            {
                ecdsa.ImportFromPem(text);
            }
            else if (isPrivate)
            {
                ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(text), out _);
            }
            else
            {
                ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text), out _);
            }

            if (ecdsa.KeySize != 256)
            {
                throw new ExchangeFormatException("feed keys must be ECDSA P-256");
            }

            return ecdsa;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            ecdsa.Dispose();
            throw new ExchangeFormatException("the feed key is not a valid ECDSA P-256 " + (isPrivate ? "private key" : "public key"), e);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>UTF-8 bytes of a string (helper for tests and callers).</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
