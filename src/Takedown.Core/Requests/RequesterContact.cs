using System.Text;

namespace Takedown.Core.Requests;

/// <summary>
/// The normalised form of a requester's contact (ABU-1): the key an abuse record is kept under (as a keyed hash,
/// never in plain). E-mail addresses are trimmed and lower-cased; other contact details are lower-cased with
/// whitespace runs collapsed.
/// </summary>
public static class RequesterContact
{
    /// <summary>The normalised contact of a request, or null when it carries none.</summary>
    public static string? Normalise(string? email, string? other)
    {
        if (!string.IsNullOrWhiteSpace(email))
        {
            return "email:" + email.Trim().ToLowerInvariant();
        }

        if (string.IsNullOrWhiteSpace(other))
        {
            return null;
        }

        var builder = new StringBuilder("other:", other.Length + 6);
        bool space = false;
        foreach (char ch in other.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(ch));
        }

        return builder.ToString();
    }
}
