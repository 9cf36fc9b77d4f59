using System.Security.Cryptography;
using System.Text;

namespace Takedown.Data.Protection;

/// <summary>
/// Keyed hashes of a requester's normalised contact (ABU-1): HMAC-SHA256 under a sub-key derived from each data key,
/// so the abuse record is found without storing the contact. Computed under every key of the ring (current first),
/// so a record written before a key rotation is still found; the record is then re-keyed under the current key.
/// </summary>
internal static class RequesterKeys
{
    private static readonly byte[] s_purpose = Encoding.UTF8.GetBytes("takedown.requester-key.v1");

    /// <summary>The keyed hashes of <paramref name="normalisedContact"/>, one per data key, current first.</summary>
    public static IReadOnlyList<string> Of(DataKeyRing ring, string normalisedContact)
    {
        byte[] contact = Encoding.UTF8.GetBytes(normalisedContact);
        var keys = new List<string>(ring.Ids.Count);
        Span<byte> subKey = stackalloc byte[32];
        Span<byte> mac = stackalloc byte[32];
        foreach (string id in ring.Ids)
        {
            if (!ring.TryGet(id, out byte[] key))
            {
                continue;
            }

            HMACSHA256.HashData(key, s_purpose, subKey);
            HMACSHA256.HashData(subKey, contact, mac);
            keys.Add(id + ":" + Convert.ToHexStringLower(mac));
        }

        return keys;
    }
}
