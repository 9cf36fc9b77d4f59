namespace Takedown.Core.Transparency;

/// <summary>How the content came to the platform's attention.</summary>
public enum DecisionSource
{
    /// <summary>A notice from the person depicted or their representative (Art 16).</summary>
    Notice = 0,

    /// <summary>A notice from a trusted flagger (Art 22), e.g. a helpline.</summary>
    TrustedFlagger = 1,

    /// <summary>The platform's own detection: a copy sweep or a hash-bank match (own or imported).</summary>
    Voluntary = 2,
}

/// <summary>How much of the decision was automated.</summary>
public enum DecisionAutomation
{
    /// <summary>A human decided.</summary>
    Manual = 0,

    /// <summary>Automatic with human oversight (e.g. exact-copy removal with review on appeal).</summary>
    Partial = 1,

    /// <summary>No human involved.</summary>
    Full = 2,
}

/// <summary>
/// The facts of one removal decision that the DSA statement needs: only decision attributes, never the requester's
/// or uploader's identity or contact data, so no personal data can reach the statement.
/// </summary>
public sealed record RemovalDecisionFacts
{
    /// <summary>The decision's unique id on this platform (becomes the PUID with a prefix).</summary>
    public required string DecisionId { get; init; }

    /// <summary>When the decision applied.</summary>
    public required DateTimeOffset AppliedAt { get; init; }

    /// <summary>When the content was posted, when known; otherwise the notice's receipt date is used.</summary>
    public DateTimeOffset? ContentPostedAt { get; init; }

    /// <summary>When the notice was received (or the copy found).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Provisional removal pending review (DECISION_VISIBILITY_CONTENT_DISABLED) rather than removal.</summary>
    public bool Provisional { get; init; }

    /// <summary>Where the content came from.</summary>
    public DecisionSource Source { get; init; }

    /// <summary>Whether automated means detected the content (hash match, copy sweep).</summary>
    public bool AutomatedDetection { get; init; }

    /// <summary>How automated the decision was.</summary>
    public DecisionAutomation Automation { get; init; }

    /// <summary>Whether the requester flagged the imagery as AI-generated (deepfake).</summary>
    public bool AiGenerated { get; init; }

    /// <summary>Whether the content appeared to involve a minor.</summary>
    public bool Minor { get; init; }

    /// <summary>Whether the content is a video (else an image).</summary>
    public bool Video { get; init; }

    /// <summary>How the match was made when detected automatically: <c>exact</c> or <c>perceptual</c>.</summary>
    public string? MatchKind { get; init; }

    /// <summary>Jurisdiction code of the case (e.g. US, UK, AU); not personal data.</summary>
    public string? Jurisdiction { get; init; }
}
