namespace Takedown.Core.Media;

/// <summary>The kinds of hash a bank holds.</summary>
public enum HashKind
{
    /// <summary>256-bit PDQ perceptual hash (64 hex digits).</summary>
    Pdq = 0,

    /// <summary>MD5 of the file bytes (32 hex digits).</summary>
    Md5 = 1,

    /// <summary>SHA-256 of the file bytes (64 hex digits).</summary>
    Sha256 = 2,

    /// <summary>
    /// vPDQ of a video: one bank entry per video holding all its sampled frame hashes (see <see cref="VpdqValue"/>),
    /// matched by the share of frames within PDQ distance 31 (python-threatexchange semantics).
    /// </summary>
    Vpdq = 3,
}
