using Takedown.Core;
using Takedown.Core.Media;
using Takedown.Hashing.Exact;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;
using Takedown.Server.Endpoints;
using Takedown.Server.Hosting;
using Takedown.Server.Matching;

namespace Takedown.Server.Workflow;

/// <summary>
/// Video checks: an exact match (SHA-256/MD5) blocks before anything is decoded; otherwise the upload's vPDQ frames
/// are matched against every banked video (python-threatexchange semantics: frames within distance 31, quality ≥ 50,
/// exact duplicate frames counted once). Block when the upload's matched share reaches
/// <see cref="TakedownOptions.VideoBlockQueryPercent"/> and the banked video's reaches
/// <see cref="TakedownOptions.VideoBlockComparedPercent"/>; review when either share reaches its review threshold.
/// </summary>
public sealed partial class CheckService
{
    /// <summary>Checks a video upload: exact hashes first, then vPDQ through FFmpeg (bounded, at most the configured
    /// number at once: <see cref="VideoBusyException"/> when all slots are busy).</summary>
    public async Task<CheckResult> CheckVideoAsync(ReadOnlyMemory<byte> media, string? contentId, CancellationToken cancellationToken)
    {
        MediaHasher.EnsureNotEmpty(media);
        ContentHashes exact = ContentHasher.Compute(media.Span);
        CheckResult exactResult = Decide([], exact.Sha256Hex, exact.Md5Hex);
        if (exactResult.Decision == "block")
        {
            Register(contentId, exact.Sha256Hex, exact.Md5Hex, null);
            return exactResult;
        }

        IReadOnlyList<VideoFrameHash> frames = await hasher.HashVideoAsync(media, waitForSlot: false, cancellationToken);
        RegisterVideo(contentId, exact.Sha256Hex, exact.Md5Hex, frames);
        return DecideVideo(frames, exactResult);
    }

    /// <summary>Checks precomputed vPDQ frame hashes (and optional exact hashes of the video file).</summary>
    public CheckResult CheckVideoHashes(IReadOnlyList<VpdqFrameBody> vpdq, string? md5, string? sha256, string? contentId)
    {
        ArgumentNullException.ThrowIfNull(vpdq);
        if (vpdq.Count > VpdqValue.MaxFrames)
        {
            throw new DomainValidationException($"vpdq may hold at most {VpdqValue.MaxFrames} frames.");
        }

        var frames = new List<VideoFrameHash>(vpdq.Count);
        foreach (VpdqFrameBody f in vpdq)
        {
            if (f is null || !PdqHash.TryParse(f.Hash, out PdqHash hash) || f.Quality is < 0 or > 100 || f.Frame < 0 || !(f.Timestamp >= 0) || double.IsInfinity(f.Timestamp))
            {
                throw new DomainValidationException("Each vpdq frame needs frame >= 0, quality 0..100, a 64-hex-digit hash and timestamp >= 0.");
            }

            frames.Add(new VideoFrameHash(f.Frame, f.Quality, hash, (float)f.Timestamp));
        }

        EnsureExactHashes(md5, sha256);
        RegisterVideo(contentId, sha256, md5, frames);
        CheckResult exactResult = md5 is null && sha256 is null ? Allow : Decide([], sha256, md5);
        return exactResult.Decision == "block" ? exactResult : DecideVideo(frames, exactResult);
    }

    private CheckResult DecideVideo(IReadOnlyList<VideoFrameHash> frames, CheckResult exactResult)
    {
        TakedownOptions settings = options.Value;
        bool block = false;
        var reported = new List<CheckMatch>(exactResult.Matches);
        foreach (VideoBankMatch match in index.MatchVideo(frames))
        {
            double q = match.Result.QueryMatchPercent, c = match.Result.ComparedMatchPercent;
            bool blocks = match.Result.QueryFrames > 0 && q >= settings.VideoBlockQueryPercent && c >= settings.VideoBlockComparedPercent;
            bool reviews = blocks || q >= settings.VideoReviewQueryPercent || c >= settings.VideoReviewComparedPercent;
            if (!reviews || reported.Count >= MaxReportedMatches)
            {
                continue;
            }

            block |= blocks;
            reported.Add(new CheckMatch(match.CaseNumber, "vpdq", 0, Math.Round(q, 2), Math.Round(c, 2)));
        }

        if (reported.Count == 0)
        {
            return Allow;
        }

        return new CheckResult(block ? "block" : exactResult.Decision == "allow" ? "review" : exactResult.Decision, reported);
    }

    private void RegisterVideo(string? contentId, string? sha256, string? md5, IReadOnlyList<VideoFrameHash> frames) =>
        Register(contentId, sha256, md5, pdq: null, string.IsNullOrWhiteSpace(contentId) || frames.Count == 0 ? null : VpdqValue.Format(frames));
}
