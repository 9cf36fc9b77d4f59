using Takedown.Core.Media;

namespace Takedown.Core.Exchange.Files;

/// <summary>One hash read from or written to a hash list file.</summary>
/// <param name="Kind">The hash kind.</param>
/// <param name="Value">The hash, lowercase hex.</param>
/// <param name="Label">Optional label.</param>
/// <param name="Quality">PDQ quality when the file gives it (0..100), else null.</param>
public readonly record struct HashListEntry(HashKind Kind, string Value, string? Label, int? Quality)
{
    /// <summary>The record key an import uses: one record per kind and value.</summary>
    public string Key => SignalTypes.ShortName(Kind) + ":" + Value;
}
