using Takedown.Core.Requests;

namespace Takedown.Server.Web;

/// <summary>The removal request form's fields as posted (every field optional: incomplete requests are kept).</summary>
public sealed class RequestFormModel
{
    /// <summary>Typed name (electronic signature).</summary>
    public string? SignatureName { get; set; }

    /// <summary>Signature attestation ticked.</summary>
    public bool SignatureAttested { get; set; }

    /// <summary>Links or content ids, one per line.</summary>
    public string? Locations { get; set; }

    /// <summary>Optional description.</summary>
    public string? Description { get; set; }

    /// <summary>Good-faith statement (free text).</summary>
    public string? GoodFaithStatement { get; set; }

    /// <summary>Good-faith attestation ticked.</summary>
    public bool GoodFaithAttested { get; set; }

    /// <summary>Contact e-mail.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Other contact details.</summary>
    public string? ContactOther { get; set; }

    /// <summary><c>self</c>, <c>authorised_agent</c> or <c>parent_or_guardian</c>.</summary>
    public string? RequesterRole { get; set; }

    /// <summary><c>yes</c>, <c>no</c> or <c>unsure</c>.</summary>
    public string? AiGenerated { get; set; }

    /// <summary>Jurisdiction code.</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>Consent to share the hashes with other platforms ticked (optional).</summary>
    public bool ShareConsent { get; set; }

    /// <summary>PDQ hashes made on the requester's device: <c>HASH,QUALITY</c> lines (filled in by the page's script).</summary>
    public string? DeviceHashes { get; set; }

    /// <summary>Whether nothing at all was filled in.</summary>
    public bool IsBlank =>
        string.IsNullOrWhiteSpace(SignatureName) && string.IsNullOrWhiteSpace(Locations) && string.IsNullOrWhiteSpace(GoodFaithStatement) &&
        string.IsNullOrWhiteSpace(ContactEmail) && string.IsNullOrWhiteSpace(ContactOther) && string.IsNullOrWhiteSpace(Description) &&
        !SignatureAttested && !GoodFaithAttested;

    /// <summary>The domain request; blank fields become null so a supplement never erases what was filed.</summary>
    public RemovalRequest ToRequest() => new()
    {
        SignatureName = Clean(SignatureName),
        SignatureAttested = SignatureAttested,
        Locations = SplitLocations(Locations),
        Description = Clean(Description),
        GoodFaithStatement = Clean(GoodFaithStatement),
        GoodFaithAttested = GoodFaithAttested,
        ContactEmail = Clean(ContactEmail),
        ContactOther = Clean(ContactOther),
        RequesterRole = Clean(RequesterRole),
        AiGenerated = AiGenerated switch { "yes" => true, "no" => false, _ => null },
        Jurisdiction = Clean(Jurisdiction),
        ShareConsent = ShareConsent,
    };

    /// <summary>One location per non-empty line.</summary>
    public static IReadOnlyList<string> SplitLocations(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
