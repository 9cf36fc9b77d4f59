using Takedown.Matching.Flat;
using Takedown.Matching.MultiIndex;
using Takedown.Matching.Storage;

namespace Takedown.Matching.Tests.Support;

/// <summary>Every way the library can search, so each test runs on each.</summary>
public enum IndexKind
{
    FlatScalar,
    FlatVector128,
    FlatVector256,
    MultiIndex,

    /// <summary>Multi-index with every segment of 4,000 entries or more in the wide 11 x 23-bit layout.</summary>
    MultiIndexWide,
    Auto,
}

internal static class IndexFactory
{
    /// <summary>The smallest segment built wide by <see cref="IndexKind.MultiIndexWide"/> (smaller frozen deltas stay 16 x 16, so both layouts mix).</summary>
    public const int WideFrom = 4_000;

    public static IEnumerable<IndexKind> All => Enum.GetValues<IndexKind>();

    /// <summary>
    /// Creates the index, or null when this machine (or this run, e.g. DOTNET_EnableAVX2=0) lacks the instructions;
    /// the caller then asserts that asking for it throws.
    /// </summary>
    public static IHammingIndex? Create(IndexKind kind, int multiIndexFreeze = 1 << 16, int multiIndexRebuild = 1 << 16) => kind switch
    {
        IndexKind.FlatScalar => new FlatHammingIndex(new HashStore(), ScanKernel.Scalar),
        IndexKind.FlatVector128 => FlatScanner.IsSupported(ScanKernel.Vector128) ? new FlatHammingIndex(new HashStore(), ScanKernel.Vector128) : null,
        IndexKind.FlatVector256 => FlatScanner.IsSupported(ScanKernel.Vector256) ? new FlatHammingIndex(new HashStore(), ScanKernel.Vector256) : null,
        IndexKind.MultiIndex => new MultiIndexHammingIndex(new HashStore(), multiIndexFreeze, multiIndexRebuild),
        IndexKind.MultiIndexWide => new MultiIndexHammingIndex(new HashStore(), multiIndexFreeze, multiIndexRebuild, wideMinEntries: WideFrom),
        _ => new HammingIndex(new HammingIndexOptions { MultiIndexThreshold = 5_000 }),
    };

    public static ScanKernel? KernelOf(IndexKind kind) => kind switch
    {
        IndexKind.FlatVector128 => ScanKernel.Vector128,
        IndexKind.FlatVector256 => ScanKernel.Vector256,
        _ => null,
    };
}
