namespace Takedown.Core.Media;

/// <summary>
/// Turns media bytes into hashes. The bytes are only held in memory for the duration of the call and never
/// written anywhere.
/// </summary>
public interface IMediaHasher
{
    /// <summary>Hashes <paramref name="media"/>. Throws <see cref="DomainValidationException"/> for unreadable media.</summary>
    public ValueTask<MediaHashes> HashAsync(ReadOnlyMemory<byte> media, CancellationToken cancellationToken);
}
