namespace Takedown.Core.Jurisdictions;

/// <summary>
/// The jurisdictions a deployment accepts (JUR-1, CLK-2): US 48 h (the default), UK 48 h, AU 24 h, plus any
/// configured custom ones, which may also override the built-in deadlines.
/// </summary>
public sealed class JurisdictionCatalog
{
    private readonly Dictionary<string, Jurisdiction> _byCode;

    /// <summary>The built-in regimes.</summary>
    public static IReadOnlyList<Jurisdiction> BuiltIn { get; } =
    [
        new("US", "United States (TAKE IT DOWN Act)", TimeSpan.FromHours(48)),
        new("UK", "United Kingdom (Online Safety Act)", TimeSpan.FromHours(48)),
        new("AU", "Australia (eSafety removal notice)", TimeSpan.FromHours(24)),
    ];

    /// <summary>Creates a catalogue of the built-in regimes plus <paramref name="custom"/> (which win on equal codes).</summary>
    public JurisdictionCatalog(IEnumerable<Jurisdiction>? custom = null, string defaultCode = "US")
    {
        _byCode = new Dictionary<string, Jurisdiction>(StringComparer.OrdinalIgnoreCase);
        foreach (Jurisdiction j in BuiltIn.Concat(custom ?? []))
        {
            if (j.Deadline <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Jurisdiction {j.Code} needs a positive deadline.", nameof(custom));
            }

            _byCode[j.Code] = j;
        }

        Default = _byCode.TryGetValue(defaultCode, out Jurisdiction? d)
            ? d
            : throw new ArgumentException($"Unknown default jurisdiction {defaultCode}.", nameof(defaultCode));
    }

    /// <summary>The jurisdiction used when a request names none.</summary>
    public Jurisdiction Default { get; }

    /// <summary>All configured jurisdictions.</summary>
    public IEnumerable<Jurisdiction> All => _byCode.Values;

    /// <summary>Finds a jurisdiction by code; null or empty gives the default.</summary>
    public Jurisdiction Resolve(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Default;
        }

        return _byCode.TryGetValue(code.Trim(), out Jurisdiction? j)
            ? j
            : throw new DomainValidationException($"Unknown jurisdiction '{code}'.");
    }
}
