using System.Diagnostics.CodeAnalysis;

namespace Takedown.Matching;

/// <summary>Throws, out of line, so callers stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowReservedId(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "The id long.MinValue is reserved for removed entries.");

    [DoesNotReturn]
    public static void ThrowTooManyEntries() =>
        throw new InvalidOperationException("A Hamming index holds at most 2,147,483,647 entries.");

    [DoesNotReturn]
    public static void ThrowRadius(string paramName, int radius, int max) =>
        throw new ArgumentOutOfRangeException(paramName, radius, $"The radius must be between 0 and {max}.");

    [DoesNotReturn]
    public static void ThrowQueryCount(string paramName, int count) =>
        throw new ArgumentOutOfRangeException(paramName, count, $"Between 1 and {HammingIndex.MaxQueries} query hashes are allowed.");

    [DoesNotReturn]
    public static void ThrowLengthMismatch(string paramName) =>
        throw new ArgumentException("There must be one id per hash.", paramName);
}
