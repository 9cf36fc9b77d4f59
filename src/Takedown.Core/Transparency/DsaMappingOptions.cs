namespace Takedown.Core.Transparency;

/// <summary>Deployment choices for DSA statements (JUR-1); defaults follow the NCII mapping in requirements §4.5.</summary>
public sealed record DsaMappingOptions
{
    /// <summary>Prefix of every PUID (letters, digits, <c>-</c>, <c>_</c>).</summary>
    /// <value>The default value is <c>takedown</c>.</value>
    public string PuidPrefix { get; init; } = "takedown";

    /// <summary>
    /// Report the ground as illegal content with <see cref="LegalGround"/> (true) or, as many platforms do, as
    /// incompatible with the terms and conditions with <c>incompatible_content_illegal=Yes</c> (false).
    /// </summary>
    public bool IllegalGround { get; init; }

    /// <summary>The legal ground when <see cref="IllegalGround"/> (e.g. the national offence transposing Dir. 2024/1385 Art 5).</summary>
    public string LegalGround { get; init; } = "National law on non-consensual sharing of intimate images (Directive (EU) 2024/1385, Article 5)";

    /// <summary>The contractual ground otherwise.</summary>
    public string ContractualGround { get; init; } = "Terms of service: non-consensual intimate imagery is prohibited";

    /// <summary>ISO-2 EU/EEA codes of the decision's territorial scope; null (omitted) when it applies worldwide.</summary>
    public IReadOnlyList<string>? TerritorialScope { get; init; }
}
