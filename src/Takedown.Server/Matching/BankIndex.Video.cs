using System.Collections.Concurrent;
using Takedown.Core.Media;
using Takedown.Data.Records;
using Takedown.Hashing.Video;
using Takedown.Matching;
using Takedown.Matching.Video;

namespace Takedown.Server.Matching;

/// <summary>
/// The video part of the bank: every banked video (a <see cref="HashKind.Vpdq"/> entry) in one <see cref="VideoIndex"/>
/// (one Hamming index entry per distinct good-quality frame hash), fed from the same change sequence as the PDQ and
/// exact hashes. It is held once, not in the left-right pair: video checks are rare next to image checks, take the
/// video index's own reader lock, and never touch the PDQ path.
/// </summary>
public sealed partial class BankIndex
{
    /// <summary>python-threatexchange's semantics (distance ≤ 31, quality ≥ 50, exact duplicates counted once); every
    /// video sharing a matching frame is reported with its percentages and the service applies its own thresholds.</summary>
    private static readonly VideoMatchOptions s_videoOptions = new()
    {
        Semantics = VideoMatchSemantics.ThreatExchange,
        QueryMatchThresholdPercent = 0,
        ComparedMatchThresholdPercent = 0,
    };

    private readonly HammingIndex _videoFrames = new(new HammingIndexOptions { ParallelSearch = false });
    private readonly ConcurrentDictionary<long, string> _videoCases = new();
    private readonly VideoIndex _video;

    /// <summary>Number of banked videos held.</summary>
    public int VideoCount => _video.VideoCount;

    /// <summary>
    /// Every banked video sharing at least one matching frame with <paramref name="frames"/>, best first by query
    /// percentage, with its case.
    /// </summary>
    public List<VideoBankMatch> MatchVideo(IReadOnlyList<VideoFrameHash> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var results = new List<VideoBankMatch>();
        foreach (VideoIndexMatch match in _video.Search(frames))
        {
            if (_videoCases.TryGetValue(match.VideoId, out string? caseNumber))
            {
                results.Add(new VideoBankMatch(match.VideoId, caseNumber, match.Result));
            }
        }

        return results;
    }

    /// <summary>Applies video additions and releases in sequence order (under the sync gate).</summary>
    private void ApplyVideo(List<BankChange> changes)
    {
        foreach (BankChange change in changes)
        {
            if (!change.Added)
            {
                _video.Remove(change.EntryId);
                _videoCases.TryRemove(change.EntryId, out _);
                continue;
            }

            if (_video.Contains(change.EntryId) || !VpdqValue.TryParse(change.Value, out List<VideoFrameHash> frames))
            {
                continue;
            }

            _videoCases[change.EntryId] = change.CaseNumber;
            _video.Add(change.EntryId, frames);
        }
    }
}
