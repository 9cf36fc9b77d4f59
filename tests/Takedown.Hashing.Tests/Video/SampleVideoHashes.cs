using Takedown.Hashing.Video;
using Takedown.Tests.Shared;

namespace Takedown.Hashing.Tests.Video;

/// <summary>
/// Every shipped sample video hashed once (every frame, stream size, as the reference sample hashes were made) and
/// shared by the conformance tests: the videos are long enough that hashing them per test would waste CI time.
/// </summary>
public sealed class SampleVideoHashes : IAsyncLifetime
{
    private readonly Dictionary<string, VideoHashResult> _results = [];

    public IReadOnlyDictionary<string, VideoHashResult> Results => _results;

    public async ValueTask InitializeAsync()
    {
        var options = new VideoHashOptions { SecondsPerHash = 0 };
        foreach (string name in VpdqReferenceData.Samples)
        {
            _results[name] = await VideoHasher.HashAsync(VpdqReferenceData.VideoPath(name), options, TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
