using System.Globalization;
using Takedown.Hashing.Video;
using Takedown.Matching.Banks;
using Takedown.Matching.Video;

namespace Takedown.Cli.Matching;

/// <summary>
/// The video branch of <c>takedown match</c>. The bank's hashes grouped by label are its videos (a bank made from
/// video frame hashes as <c>HASH,LABEL</c> lines; an image hash is a one-frame video). The query video is hashed
/// (vPDQ, 1 hash/s) and searched through a <see cref="VideoIndex"/> under python-threatexchange's rules (frames of
/// quality ≥ 50 within distance 31; a match needs ≥ 80% of the query's distinct frames). Each matching label prints
/// <c>PATH,LABEL,QUERY_PERCENT,COMPARED_PERCENT</c>, best first.
/// </summary>
internal sealed class VideoBankMatcher : IDisposable
{
    private readonly VideoIndex _index = new();
    private readonly List<string> _labels = [];

    public VideoBankMatcher(IEnumerable<HashBank> banks)
    {
        var frames = new Dictionary<string, List<VideoFrameHash>>(StringComparer.Ordinal);
        foreach (HashBank bank in banks)
        {
            for (int i = 0; i < bank.Count; i++)
            {
                string label = bank.GetLabel(i);
                if (!frames.TryGetValue(label, out List<VideoFrameHash>? list))
                {
                    frames.Add(label, list = []);
                }

                // Banks keep no quality; their hashes passed the quality filter when they were imported.
                list.Add(new VideoFrameHash(list.Count, 100, bank.Hashes[i], 0f));
            }
        }

        foreach ((string label, List<VideoFrameHash> list) in frames)
        {
            _index.Add(_labels.Count, list);
            _labels.Add(label);
        }
    }

    /// <summary>Hashes the video at <paramref name="path"/> and returns one line per matching label.</summary>
    /// <exception cref="VideoDecodeException">The video cannot be decoded.</exception>
    public async Task<List<string>> MatchAsync(string path, CancellationToken cancellationToken)
    {
        VideoHashResult video = await VideoHasher.HashAsync(path, VideoHashOptions.Default, cancellationToken);
        var lines = new List<string>();
        foreach (VideoIndexMatch match in _index.Search(video.Frames))
        {
            if (match.Result.IsMatch)
            {
                string label = _labels[(int)match.VideoId];
                lines.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path},{(label.Length > 0 ? label : "(no label)")},{match.Result.QueryMatchPercent:F2},{match.Result.ComparedMatchPercent:F2}"));
            }
        }

        return lines;
    }

    public void Dispose() => _index.Dispose();
}
