namespace Takedown.Hashing.Pdq.Internal;

/// <summary>Which implementation of the filter and DCT stages to run (tests and benchmarks force each).</summary>
internal enum PdqKernel
{
    /// <summary>The widest accelerated kernel available on this machine.</summary>
    Auto = 0,

    /// <summary>A plain port of the reference: full float planes, no SIMD.</summary>
    Scalar = 1,

    /// <summary>Fused, cache-resident pipeline on <see cref="System.Runtime.Intrinsics.Vector128{T}"/>.</summary>
    Vector128 = 2,

    /// <summary>Fused, cache-resident pipeline on <see cref="System.Runtime.Intrinsics.Vector256{T}"/>.</summary>
    Vector256 = 3,
}
