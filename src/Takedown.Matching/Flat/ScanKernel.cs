namespace Takedown.Matching.Flat;

/// <summary>The instruction set a flat scan runs on.</summary>
internal enum ScanKernel
{
    /// <summary>Scalar 64-bit popcount; runs everywhere.</summary>
    Scalar = 0,

    /// <summary>SSSE3 nibble-table popcount over 128-bit vectors.</summary>
    Vector128 = 1,

    /// <summary>AVX2 nibble-table popcount over 256-bit vectors.</summary>
    Vector256 = 2,
}
