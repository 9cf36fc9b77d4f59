using Takedown.Hashing.Video;
using Takedown.Tests.Shared;

namespace Takedown.Matching.Tests.Video;

/// <summary>Every shipped sample video hashed once through FFmpeg (every frame, as the reference table was made).</summary>
public sealed class ComputedSampleHashes : IAsyncLifetime
{
    private readonly Dictionary<string, IReadOnlyList<VideoFrameHash>> _hashes = [];

    public IReadOnlyDictionary<string, IReadOnlyList<VideoFrameHash>> Hashes => _hashes;

    public async ValueTask InitializeAsync()
    {
        var options = new VideoHashOptions { SecondsPerHash = 0 };
        foreach (string name in VpdqReferenceData.Samples)
        {
            VideoHashResult result = await VideoHasher.HashAsync(VpdqReferenceData.VideoPath(name), options, TestContext.Current.CancellationToken);
            _hashes[name] = result.Frames;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
