using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Takedown.Data.Records;

namespace Takedown.Server.Auth;

/// <summary>
/// One API key row as <see cref="ApiKeyCache"/> holds it: the record and the principal its scopes give (built once per
/// load and shared by the requests presenting the key; nothing in the service changes a principal after
/// authentication).
/// </summary>
internal sealed class CachedApiKey
{
    /// <summary>Longest key verified without a heap buffer (real keys are 56 characters).</summary>
    private const int StackKeyBytes = 256;

    private const int Unknown = 0;
    private const int Allowed = 1;
    private const int Refused = 2;

    /// <summary>A value for <see cref="_verifiedHeaders"/> (only the keys matter).</summary>
    private static readonly object s_verified = new();

    /// <summary>
    /// Header strings already verified for this key. Kestrel hands a keep-alive connection the same string instance
    /// for an unchanged header value, so a connection's later requests are recognised by reference (strings are
    /// immutable: the same instance is the same key) instead of hashing the key again. Weak keys: an entry goes with
    /// its connection's string; a reload of the key from the store starts a new table.
    /// </summary>
    private readonly ConditionalWeakTable<string, object> _verifiedHeaders = new();

    private int _checkAccess;

    public CachedApiKey(ApiKeyRecord record)
    {
        Record = record;
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, "key:" + record.Prefix),
            new("key_id", record.Id.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (string scope in record.Scopes)
        {
            claims.Add(new Claim(Roles.ScopeClaim, scope));
            if (scope is Roles.Moderator or Roles.Admin)
            {
                claims.Add(new Claim(ClaimTypes.Role, scope));
            }
        }

        Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    }

    /// <summary>The stored row.</summary>
    public ApiKeyRecord Record { get; }

    /// <summary>Who the key authenticates as: name <c>key:PREFIX</c>, <c>key_id</c>, a <c>scope</c> claim per scope, roles for moderator/admin.</summary>
    public ClaimsPrincipal Principal { get; }

    /// <summary>Whether the key was revoked when it was loaded.</summary>
    public bool IsRevoked => Record.RevokedAt is not null;

    /// <summary>
    /// Whether the <see cref="Roles.Policies.Check"/> policy allows this key, once <see cref="RememberCheckAccess"/>
    /// recorded the policy's verdict; null before.
    /// </summary>
    public bool? CheckAccess => Volatile.Read(ref _checkAccess) switch
    {
        Allowed => true,
        Refused => false,
        _ => null,
    };

    /// <summary>Records the verdict of the check policy for this key (evaluated by the authorization service once per load).</summary>
    public void RememberCheckAccess(bool allowed) => Volatile.Write(ref _checkAccess, allowed ? Allowed : Refused);

    /// <summary>
    /// Whether <paramref name="presented"/>, a slice of the request header string <paramref name="header"/>, is this
    /// key: a header instance verified before is accepted by reference, others are verified (<see cref="Verifies"/>)
    /// and remembered.
    /// </summary>
    public bool VerifiesHeader(string header, ReadOnlySpan<char> presented)
    {
        if (_verifiedHeaders.TryGetValue(header, out _))
        {
            return true;
        }

        if (!Verifies(presented))
        {
            return false;
        }

        _verifiedHeaders.TryAdd(header, s_verified);
        return true;
    }

    /// <summary>Whether <paramref name="presented"/> is this key: SHA-256 of its UTF-8 bytes equals the stored hash (constant-time compare).</summary>
    public bool Verifies(ReadOnlySpan<char> presented)
    {
        int byteCount = Encoding.UTF8.GetByteCount(presented);
        byte[]? heap = null;
        Span<byte> utf8 = byteCount <= StackKeyBytes ? stackalloc byte[StackKeyBytes] : (heap = new byte[byteCount]);
        int written = Encoding.UTF8.GetBytes(presented, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], hash);
        if (heap is null)
        {
            CryptographicOperations.ZeroMemory(utf8[..written]);
        }

        return CryptographicOperations.FixedTimeEquals(hash, Record.KeyHash);
    }
}
