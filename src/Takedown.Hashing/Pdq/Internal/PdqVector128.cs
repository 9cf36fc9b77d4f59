using System.Runtime.Intrinsics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// Four float lanes, the vector type of <see cref="PdqLanes128"/>. A type of this assembly rather than
/// <see cref="Vector128{T}"/> itself, so that ReadyToRun can precompile the kernel instantiated over it:
/// crossgen2 refuses every method of a generic instantiation over <c>Vector128&lt;float&gt;</c> (a type outside
/// the version bubble), but compiles one over this wrapper, as long as no method that is not inlined takes
/// or returns it by value (by <c>ref</c> and as a field of a struct passed by <c>ref</c> are fine).
/// </summary>
/// <param name="value">The lanes.</param>
internal readonly struct PdqVector128(Vector128<float> value)
{
    /// <summary>The lanes.</summary>
    public Vector128<float> Value { get; } = value;
}
