namespace Takedown.Cli.Hashing;

/// <summary>One input of <c>takedown hash</c>: a file path, or <c>-</c> for standard input.</summary>
/// <param name="Path">The path as printed (as given, or joined under a directory argument).</param>
/// <param name="FromDirectory">Found by expanding a directory: files that are not media are skipped quietly.</param>
internal readonly record struct HashInput(string Path, bool FromDirectory)
{
    /// <summary>The name that stands for standard input.</summary>
    public const string StandardInputName = "-";

    public bool IsStandardInput => !FromDirectory && Path == StandardInputName;
}
