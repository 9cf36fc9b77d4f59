namespace Takedown.Core.Requests;

/// <summary>
/// A removal request as the requester filed it. Every field may be missing: incomplete requests are kept and the
/// requester is told what is missing (<see cref="RequestValidator"/>).
/// </summary>
public sealed record RemovalRequest
{
    /// <summary>The typed name that serves as electronic signature.</summary>
    public string? SignatureName { get; init; }

    /// <summary>Whether the requester ticked the attestation that the typed name is their signature.</summary>
    public bool SignatureAttested { get; init; }

    /// <summary>URLs or platform content ids of the depiction(s); several allowed.</summary>
    public IReadOnlyList<string> Locations { get; init; } = [];

    /// <summary>Optional description helping to identify the content.</summary>
    public string? Description { get; init; }

    /// <summary>The good-faith statement of non-consent (free text).</summary>
    public string? GoodFaithStatement { get; init; }

    /// <summary>Whether the requester ticked the good-faith, non-consent attestation.</summary>
    public bool GoodFaithAttested { get; init; }

    /// <summary>Contact e-mail address.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>Other contact details (phone, postal address) when no e-mail is given.</summary>
    public string? ContactOther { get; init; }

    /// <summary>Who files: <c>self</c>, <c>authorised_agent</c> or <c>parent_or_guardian</c>.</summary>
    public string? RequesterRole { get; init; }

    /// <summary>Whether the requester believes the imagery is AI-generated.</summary>
    public bool? AiGenerated { get; init; }

    /// <summary>Jurisdiction code (US, UK, AU or a configured custom one); the default applies when null.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>
    /// Whether the requester consents to sharing the hashes of the removed imagery (never the imagery or their
    /// details) with other platforms through the hash-sharing feed (SHR-2). Optional; nothing is shared without it.
    /// </summary>
    public bool ShareConsent { get; init; }
}
