using System.ComponentModel;

namespace Takedown.Core.Requests;

/// <summary>
/// A removal request as the requester filed it. Every field may be missing: incomplete requests are kept and the
/// requester is told what is missing (<see cref="RequestValidator"/>).
/// </summary>
public sealed record RemovalRequest
{
    /// <summary>The typed name that serves as electronic signature.</summary>
    [Description("The typed name that serves as electronic signature.")]
    public string? SignatureName { get; init; }

    /// <summary>Whether the requester ticked the attestation that the typed name is their signature.</summary>
    [Description("Whether the requester ticked the attestation that the typed name is their signature.")]
    public bool SignatureAttested { get; init; }

    /// <summary>URLs or platform content ids of the depiction(s); several allowed.</summary>
    [Description("URLs or platform content ids of the depiction(s); several allowed.")]
    public IReadOnlyList<string> Locations { get; init; } = [];

    /// <summary>Optional description helping to identify the content.</summary>
    [Description("Optional description helping to identify the content.")]
    public string? Description { get; init; }

    /// <summary>The good-faith statement of non-consent (free text).</summary>
    [Description("The good-faith statement of non-consent (free text).")]
    public string? GoodFaithStatement { get; init; }

    /// <summary>Whether the requester ticked the good-faith, non-consent attestation.</summary>
    [Description("Whether the requester ticked the good-faith, non-consent attestation.")]
    public bool GoodFaithAttested { get; init; }

    /// <summary>Contact e-mail address.</summary>
    [Description("Contact e-mail address.")]
    public string? ContactEmail { get; init; }

    /// <summary>Other contact details (phone, postal address) when no e-mail is given.</summary>
    [Description("Other contact details (phone, postal address) when no e-mail is given.")]
    public string? ContactOther { get; init; }

    /// <summary>Who files: <c>self</c>, <c>authorised_agent</c> or <c>parent_or_guardian</c>.</summary>
    [Description("Who files: self, authorised_agent or parent_or_guardian.")]
    public string? RequesterRole { get; init; }

    /// <summary>Whether the requester believes the imagery is AI-generated.</summary>
    [Description("Whether the requester believes the imagery is AI-generated.")]
    public bool? AiGenerated { get; init; }

    /// <summary>Jurisdiction code (US, UK, AU or a configured custom one); the default applies when null.</summary>
    [Description("Jurisdiction code (US, UK, AU or a configured custom one); the default applies when null.")]
    public string? Jurisdiction { get; init; }

    /// <summary>
    /// Whether the requester consents to sharing the hashes of the removed imagery (never the imagery or their
    /// details) with other platforms through the hash-sharing feed (SHR-2). Optional; nothing is shared without it.
    /// </summary>
    [Description("Consent to share the hashes of the removed imagery (never the imagery or personal details) with other platforms through the hash-sharing feed (SHR-2). Default false: nothing is shared.")]
    public bool ShareConsent { get; init; }
}
