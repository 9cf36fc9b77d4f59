using System.Net.Mail;

namespace Takedown.Core.Requests;

/// <summary>
/// Checks the four statutory elements and reports exactly which are missing. Never rejects a request for
/// missing extras that the statute does not require (VAL-1).
/// </summary>
public static class RequestValidator
{
    /// <summary>Longest accepted location (URL or id).</summary>
    public const int MaxLocationLength = 2048;

    /// <summary>Most locations in one request.</summary>
    public const int MaxLocations = 100;

    /// <summary>Returns the missing elements; empty when the request is complete.</summary>
    public static IReadOnlyList<MissingElement> FindMissing(RemovalRequest request)
    {
        var missing = new List<MissingElement>(4);
        if (string.IsNullOrWhiteSpace(request.SignatureName))
        {
            missing.Add(new(StatutoryElement.Signature, "signatureName",
                "Type your full name (or the name of the person you act for) as your electronic signature."));
        }
        else if (!request.SignatureAttested)
        {
            missing.Add(new(StatutoryElement.Signature, "signatureAttested",
                "Confirm that the typed name is your electronic signature."));
        }

        if (!request.Locations.Any(l => !string.IsNullOrWhiteSpace(l)))
        {
            missing.Add(new(StatutoryElement.ContentLocation, "locations",
                "Give at least one link (URL) or content id so we can find the image or video."));
        }

        if (string.IsNullOrWhiteSpace(request.GoodFaithStatement) && !request.GoodFaithAttested)
        {
            missing.Add(new(StatutoryElement.GoodFaithStatement, "goodFaithStatement",
                "State that you believe in good faith that the image or video was published without consent."));
        }

        bool hasEmail = !string.IsNullOrWhiteSpace(request.ContactEmail);
        if (hasEmail && !IsEmail(request.ContactEmail!))
        {
            missing.Add(new(StatutoryElement.Contact, "contactEmail",
                "The e-mail address does not look valid; correct it or give another way to contact you."));
        }
        else if (!hasEmail && string.IsNullOrWhiteSpace(request.ContactOther))
        {
            missing.Add(new(StatutoryElement.Contact, "contactEmail",
                "Give an e-mail address or other contact details so we can tell you the outcome."));
        }

        return missing;
    }

    /// <summary>
    /// Throws <see cref="DomainValidationException"/> for input that can never be stored (too long, too many
    /// locations); missing elements are not errors.
    /// </summary>
    public static void EnsureStorable(RemovalRequest request)
    {
        if (request.Locations.Count > MaxLocations)
        {
            throw new DomainValidationException($"At most {MaxLocations} locations per request.");
        }

        if (request.Locations.Any(l => l is not null && l.Length > MaxLocationLength))
        {
            throw new DomainValidationException($"A location may be at most {MaxLocationLength} characters.");
        }

        if (request.RequesterRole is not null and not ("self" or "authorised_agent" or "parent_or_guardian"))
        {
            throw new DomainValidationException("requesterRole must be self, authorised_agent or parent_or_guardian.");
        }
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value.Trim(), out MailAddress? address) && address.Address == value.Trim() &&
        address.Host.Contains('.', StringComparison.Ordinal);
}
