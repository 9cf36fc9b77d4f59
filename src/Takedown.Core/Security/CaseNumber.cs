using System.Security.Cryptography;

namespace Takedown.Core.Security;

/// <summary>
/// Case numbers: <c>TD-XXXX-XXXX</c> in Crockford base32 (no I, L, O, U), random so they reveal nothing about
/// volume and cannot be enumerated.
/// </summary>
public static class CaseNumber
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly System.Buffers.SearchValues<char> s_alphabet = System.Buffers.SearchValues.Create(Alphabet);

    /// <summary>Creates a new random case number.</summary>
    public static string Create()
    {
        Span<char> chars = stackalloc char[12];
        chars[0] = 'T';
        chars[1] = 'D';
        chars[2] = '-';
        chars[7] = '-';
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        int r = 0;
        for (int i = 3; i < 12; i++)
        {
            if (i == 7)
            {
                continue;
            }

            chars[i] = Alphabet[random[r++] & 31];
        }

        return new string(chars);
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a case number.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 12 } && value.StartsWith("TD-", StringComparison.Ordinal) && value[7] == '-' &&
        value.AsSpan(3, 4).IndexOfAnyExcept(s_alphabet) < 0 && value.AsSpan(8, 4).IndexOfAnyExcept(s_alphabet) < 0;
}
