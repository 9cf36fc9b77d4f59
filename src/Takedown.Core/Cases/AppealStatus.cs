namespace Takedown.Core.Cases;

/// <summary>The state of an uploader's appeal.</summary>
public enum AppealStatus
{
    /// <summary>Filed, waiting for a human decision (DSA Art 20(6)).</summary>
    Pending = 0,

    /// <summary>Granted: content restored, hashes released.</summary>
    Granted = 1,

    /// <summary>Denied with a reason.</summary>
    Denied = 2,
}
