using Takedown.Core.Security;

namespace Takedown.Server.Auth;

/// <summary>
/// API keys look like <c>tdk_PREFIX_SECRET</c>: the prefix finds the row, the SHA-256 of the whole key is compared in
/// constant time. The key itself is shown once and never stored.
/// </summary>
public static class ApiKeys
{
    /// <summary>Creates a new key and its public prefix.</summary>
    public static (string Key, string Prefix) Create()
    {
        string prefix = SecretToken.Create(6).Replace("_", "x", StringComparison.Ordinal).Replace("-", "y", StringComparison.Ordinal);
        return ($"tdk_{prefix}_{SecretToken.Create(32)}", prefix);
    }

    /// <summary>Extracts the prefix of a presented key, or null when it is not shaped like a key.</summary>
    public static string? PrefixOf(string key)
    {
        ReadOnlySpan<char> prefix = PrefixOf(key.AsSpan());
        return prefix.IsEmpty ? null : prefix.ToString();
    }

    /// <summary>The prefix of a presented key without copying it; empty when it is not shaped like a key.</summary>
    public static ReadOnlySpan<char> PrefixOf(ReadOnlySpan<char> key)
    {
        if (!key.StartsWith("tdk_", StringComparison.Ordinal))
        {
            return default;
        }

        int end = key[4..].IndexOf('_');
        return end > 0 ? key.Slice(4, end) : default;
    }
}
