namespace Takedown.Core.Jurisdictions;

/// <summary>
/// The jurisdictions a deployment accepts (JUR-1, CLK-2): US 48 h (the default), UK 48 h, AU 24 h, IN 2 h, plus any
/// configured custom ones, which may also override the built-in deadlines. Admins may add or change entries at run time
/// (<see cref="Apply"/>); readers always see a complete, consistent catalogue.
/// </summary>
public sealed class JurisdictionCatalog
{
    private readonly string _defaultCode;
    private readonly Lock _gate = new();
    private volatile Dictionary<string, Jurisdiction> _byCode;

    /// <summary>The built-in regimes.</summary>
    public static IReadOnlyList<Jurisdiction> BuiltIn { get; } =
    [
        new("US", "United States (TAKE IT DOWN Act)", TimeSpan.FromHours(48)),
        new("UK", "United Kingdom (Online Safety Act)", TimeSpan.FromHours(48)),
        new("AU", "Australia (eSafety removal notice)", TimeSpan.FromHours(24)),
        new("IN", "India (IT Rules 2021, intimate imagery complaint)", TimeSpan.FromHours(2)),
    ];

    /// <summary>Creates a catalogue of the built-in regimes plus <paramref name="custom"/> (which win on equal codes).</summary>
    public JurisdictionCatalog(IEnumerable<Jurisdiction>? custom = null, string defaultCode = "US")
    {
        var byCode = new Dictionary<string, Jurisdiction>(StringComparer.OrdinalIgnoreCase);
        foreach (Jurisdiction j in BuiltIn.Concat(custom ?? []))
        {
            if (j.Deadline <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Jurisdiction {j.Code} needs a positive deadline.", nameof(custom));
            }

            byCode[j.Code] = j;
        }

        _defaultCode = byCode.ContainsKey(defaultCode)
            ? defaultCode
            : throw new ArgumentException($"Unknown default jurisdiction {defaultCode}.", nameof(defaultCode));
        _byCode = byCode;
    }

    /// <summary>The jurisdiction used when a request names none.</summary>
    public Jurisdiction Default => _byCode[_defaultCode];

    /// <summary>
    /// Adds a jurisdiction or replaces the one with the same code (cases already filed keep their due time). Safe to
    /// call while other threads read: the catalogue is replaced as a whole.
    /// </summary>
    public void Apply(Jurisdiction jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        if (jurisdiction.Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Jurisdiction {jurisdiction.Code} needs a positive deadline.", nameof(jurisdiction));
        }

        lock (_gate)
        {
            _byCode = new Dictionary<string, Jurisdiction>(_byCode, StringComparer.OrdinalIgnoreCase) { [jurisdiction.Code] = jurisdiction };
        }
    }

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
