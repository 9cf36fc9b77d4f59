using System.Runtime.CompilerServices;
using Takedown.Core.Platform;

namespace Takedown.Server.Connectors;

/// <summary>
/// A directory stands for the platform (demo and tests). Content ids are paths relative to the root with <c>/</c>
/// separators; remove moves the file into a quarantine directory outside the root, restore moves it back. Ids that
/// would leave the root (<c>..</c>, absolute paths, links) are refused.
/// </summary>
public sealed class FolderConnector : IPlatformConnector
{
    private readonly string _root;
    private readonly string _quarantine;

    /// <summary>Creates a connector over <paramref name="root"/>; the quarantine defaults to a sibling <c>ROOT.quarantine</c>.</summary>
    public FolderConnector(string root, string? quarantine = null)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _quarantine = Path.TrimEndingDirectorySeparator(Path.GetFullPath(quarantine ?? _root + ".quarantine"));
        if (IsUnder(_quarantine, _root) || IsUnder(_root, _quarantine))
        {
            throw new ArgumentException("The quarantine must be outside the content root.", nameof(quarantine));
        }

        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_quarantine);
    }

    /// <summary>The content root.</summary>
    public string Root => _root;

    /// <summary>Public base URL that maps to content ids (<c>BASE/ID</c>), for requesters who paste links.</summary>
    public string UrlPrefix { get; init; } = "https://platform.example/content/";

    /// <inheritdoc/>
    public string? ResolveContentId(string location)
    {
        string candidate = location.Trim();
        if (candidate.StartsWith(UrlPrefix, StringComparison.OrdinalIgnoreCase))
        {
            candidate = Uri.UnescapeDataString(candidate[UrlPrefix.Length..]);
        }
        else if (candidate.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        return TryMap(_root, candidate, out _) ? candidate : null;
    }

    /// <inheritdoc/>
    public async Task<byte[]?> FetchAsync(string contentId, CancellationToken cancellationToken)
    {
        if (!TryMap(_root, contentId, out string path) || !File.Exists(path))
        {
            return null;
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string contentId, CancellationToken cancellationToken) =>
        Task.FromResult(Move(contentId, _root, _quarantine));

    /// <inheritdoc/>
    public Task<bool> RestoreAsync(string contentId, CancellationToken cancellationToken) =>
        Task.FromResult(Move(contentId, _quarantine, _root));

    /// <inheritdoc/>
    public async IAsyncEnumerable<PlatformContent> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint };
        foreach (string path in Directory.EnumerateFiles(_root, "*", options).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new PlatformContent(Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'));
        }

        await Task.CompletedTask;
    }

    /// <summary>Whether the content id is currently in quarantine.</summary>
    public bool IsQuarantined(string contentId) => TryMap(_quarantine, contentId, out string path) && File.Exists(path);

    private static bool Move(string contentId, string fromRoot, string toRoot)
    {
        if (!TryMap(fromRoot, contentId, out string from) || !TryMap(toRoot, contentId, out string to))
        {
            return false;
        }

        if (!File.Exists(from))
        {
            // Idempotent: already moved counts as done.
            return File.Exists(to);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Move(from, to, overwrite: true);
        return true;
    }

    private static bool TryMap(string root, string contentId, out string path)
    {
        path = string.Empty;
        if (string.IsNullOrWhiteSpace(contentId) || contentId.Length > 1024 || Path.IsPathRooted(contentId) ||
            contentId.Contains('\\', StringComparison.Ordinal) || contentId.Contains('\0', StringComparison.Ordinal) ||
            contentId.Split('/').Any(part => part is "" or "." or ".."))
        {
            return false;
        }

        string full = Path.GetFullPath(Path.Combine(root, contentId));
        if (!IsUnder(full, root))
        {
            return false;
        }

        // Refuse symbolic links anywhere between the root and the file.
        for (string? current = full; current is not null && current.Length > root.Length; current = Path.GetDirectoryName(current))
        {
            var info = new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null)
            {
                return false;
            }

            var dir = new DirectoryInfo(current);
            if (dir.Exists && dir.LinkTarget is not null)
            {
                return false;
            }
        }

        path = full;
        return true;
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
