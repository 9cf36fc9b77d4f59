using System.Security.Cryptography;

namespace Takedown.Data.Protection;

/// <summary>
/// The data keys of a deployment (AES-256): the first is current (new values are encrypted with it), the others still
/// decrypt values written before a rotation. A key's id is the first 4 bytes of its SHA-256, in hex, so the same key
/// has the same id on every node and no ids need to be configured.
/// </summary>
/// <remarks>
/// Text form (key file, or <c>Takedown:DataKey</c>): base64 keys separated by new lines, commas or semicolons, current
/// first. Lines starting with <c>#</c> are comments.
/// </remarks>
public sealed class DataKeyRing
{
    /// <summary>Key length in bytes (AES-256).</summary>
    public const int KeyBytes = 32;

    private readonly Dictionary<string, byte[]> _keys;

    private DataKeyRing(IReadOnlyList<byte[]> keys)
    {
        if (keys.Count == 0)
        {
            throw new DataKeyException("A data key ring needs at least one key.");
        }

        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (byte[] key in keys)
        {
            if (key.Length != KeyBytes)
            {
                throw new DataKeyException($"A data key must be {KeyBytes} bytes (base64 of 32 random bytes); one has {key.Length}.");
            }

            _keys.TryAdd(IdOf(key), key);
        }

        CurrentId = IdOf(keys[0]);
        Ids = [.. keys.Select(IdOf).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Id of the key new values are encrypted with.</summary>
    public string CurrentId { get; }

    /// <summary>All key ids, current first.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The current key.</summary>
    internal byte[] Current => _keys[CurrentId];

    /// <summary>A ring of one new random key.</summary>
    public static DataKeyRing Generate() => new([RandomNumberGenerator.GetBytes(KeyBytes)]);

    /// <summary>Parses the text form (base64 keys, current first).</summary>
    /// <exception cref="DataKeyException">No key, or a key that is not base64 of 32 bytes.</exception>
    public static DataKeyRing Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<byte[]>();
        foreach (string line in text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (string item in line.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    keys.Add(Convert.FromBase64String(item));
                }
                catch (FormatException e)
                {
                    throw new DataKeyException("A data key is not valid base64.", e);
                }
            }
        }

        return new DataKeyRing(keys);
    }

    /// <summary>Reads a key file.</summary>
    /// <exception cref="DataKeyException">The file is missing or holds no valid key.</exception>
    public static DataKeyRing Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataKeyException($"The data key file {path} does not exist.");
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>
    /// Reads the key file, or creates it with one new key when it does not exist (owner read/write only, 0600, on Unix).
    /// </summary>
    public static DataKeyRing LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Load(path);
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        DataKeyRing ring = Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(ring.ToText());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return Load(path);
        }

        return ring;
    }

    /// <summary>Environment variable with the keys in text form (configuration key <c>Takedown:DataKey</c>).</summary>
    public const string KeysVariable = "Takedown__DataKey";

    /// <summary>Environment variable with the path of a key file (configuration key <c>Takedown:DataKeyFile</c>).</summary>
    public const string KeyFileVariable = "Takedown__DataKeyFile";

    /// <summary>
    /// The keys named by configuration values: <paramref name="keys"/> (text form) wins over <paramref name="keyFile"/>
    /// (which must exist); null when neither is set.
    /// </summary>
    public static DataKeyRing? FromSettings(string? keys, string? keyFile) =>
        !string.IsNullOrWhiteSpace(keys) ? Parse(keys)
        : !string.IsNullOrWhiteSpace(keyFile) ? Load(keyFile)
        : null;

    /// <summary>The keys named by <see cref="KeysVariable"/> or <see cref="KeyFileVariable"/>; null when neither is set.</summary>
    public static DataKeyRing? FromEnvironment() =>
        FromSettings(Environment.GetEnvironmentVariable(KeysVariable), Environment.GetEnvironmentVariable(KeyFileVariable));

    /// <summary>A ring with <paramref name="key"/> as the new current key and this ring's keys after it (rotation).</summary>
    public DataKeyRing WithNewCurrent(byte[] key) => new([key, .. Ids.Select(id => _keys[id])]);

    /// <summary>The text form: a comment line and the keys in base64, current first.</summary>
    public string ToText() =>
        "# Takedown data keys (AES-256, base64), current first. Keep secret; back up with the database.\n" +
        string.Concat(Ids.Select(id => Convert.ToBase64String(_keys[id]) + "\n"));

    /// <summary>Whether a key with this id is in the ring.</summary>
    public bool Contains(string keyId) => _keys.ContainsKey(keyId);

    internal bool TryGet(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    private static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
}
