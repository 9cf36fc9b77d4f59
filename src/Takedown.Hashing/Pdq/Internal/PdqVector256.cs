using System.Runtime.Intrinsics;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// Eight float lanes, the vector type of <see cref="PdqLanes256"/>. A type of this assembly rather than
/// <see cref="Vector256{T}"/> itself, so that ReadyToRun can precompile the kernel instantiated over it:
/// crossgen2 refuses every method of a generic instantiation over <c>Vector256&lt;float&gt;</c> (a type outside
/// the version bubble), but compiles one over this wrapper, as long as no method that is not inlined takes
/// or returns it by value (by <c>ref</c> and as a field of a struct passed by <c>ref</c> are fine).
/// </summary>
/// <param name="value">The lanes.</param>
internal readonly struct PdqVector256(Vector256<float> value)
{
    /// <summary>The lanes.</summary>
    public Vector256<float> Value { get; } = value;
}
