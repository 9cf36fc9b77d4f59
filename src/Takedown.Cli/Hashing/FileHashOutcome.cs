namespace Takedown.Cli.Hashing;

/// <summary>The result of hashing one input: output lines, an error reason, or "not media, skip quietly".</summary>
internal readonly record struct FileHashOutcome(IReadOnlyList<string>? Lines, string? Error)
{
    /// <summary>A file found by directory expansion that is not a media file we hash.</summary>
    public static FileHashOutcome Skipped => default;

    public static FileHashOutcome Success(IReadOnlyList<string> lines) => new(lines, null);

    public static FileHashOutcome Failure(string reason) => new(null, reason);

    public bool IsFailure => Error is not null;
}
