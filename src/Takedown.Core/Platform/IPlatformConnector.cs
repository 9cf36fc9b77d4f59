namespace Takedown.Core.Platform;

/// <summary>
/// How Takedown reaches the platform's content. Locations are what requesters give: a content id or a URL the
/// connector knows how to map to one.
/// </summary>
public interface IPlatformConnector
{
    /// <summary>Maps a reported location (URL or id) to the platform's content id, or null if it is not the platform's.</summary>
    public string? ResolveContentId(string location);

    /// <summary>Fetches the bytes of a content id, or null when it does not exist.</summary>
    public Task<byte[]?> FetchAsync(string contentId, CancellationToken cancellationToken);

    /// <summary>Removes (disables access to) a content id. Returns false when it does not exist. Idempotent.</summary>
    public Task<bool> RemoveAsync(string contentId, CancellationToken cancellationToken);

    /// <summary>Restores a removed content id. Returns false when there is nothing to restore. Idempotent.</summary>
    public Task<bool> RestoreAsync(string contentId, CancellationToken cancellationToken);

    /// <summary>Lists the platform's live content, with hashes where the platform has them.</summary>
    public IAsyncEnumerable<PlatformContent> ListAsync(CancellationToken cancellationToken);
}
