using System.Globalization;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;

namespace Takedown.Matching.Video;

/// <summary>Adding, removing and searching videos.</summary>
public sealed partial class VideoIndex
{
    /// <summary>Adds a video's frame hashes under <paramref name="videoId"/>.</summary>
    /// <exception cref="ArgumentException">A video with this id is already in the bank.</exception>
    public void Add(long videoId, IEnumerable<VideoFrameHash> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        List<(PdqHash Hash, int Count)> unique = VideoFrameSelection.CountedUnique(frames, Options.QualityThreshold);
        _lock.EnterWriteLock();
        try
        {
            if (_videos.ContainsKey(videoId))
            {
                throw new ArgumentException(
                    $"Video {videoId.ToString(CultureInfo.InvariantCulture)} is already in the bank.", nameof(videoId));
            }

            int[] entryIds = new int[unique.Count];
            int total = 0;
            for (int i = 0; i < unique.Count; i++)
            {
                (PdqHash hash, int count) = unique[i];
                total += count;
                if (!_entryByHash.TryGetValue(hash, out int entryId))
                {
                    entryId = _freeEntries.Count > 0 ? _freeEntries.Pop() : _entries.Count;
                    var entry = new FrameEntry(hash);
                    if (entryId == _entries.Count)
                    {
                        _entries.Add(entry);
                    }
                    else
                    {
                        _entries[entryId] = entry;
                    }

                    _entryByHash.Add(hash, entryId);
                    _index.Add(hash, entryId);
                }

                _entries[entryId]!.Videos.Add((videoId, count));
                entryIds[i] = entryId;
            }

            _videos.Add(videoId, new IndexedVideo(entryIds, total));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes a video; frame hashes no other video has leave the index.</summary>
    /// <returns><see langword="true"/> if the video was in the bank.</returns>
    public bool Remove(long videoId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_videos.Remove(videoId, out IndexedVideo? video))
            {
                return false;
            }

            foreach (int entryId in video.EntryIds)
            {
                FrameEntry entry = _entries[entryId]!;
                entry.Videos.RemoveAll(v => v.VideoId == videoId);
                if (entry.Videos.Count == 0)
                {
                    _index.Remove(entry.Hash, entryId);
                    _entryByHash.Remove(entry.Hash);
                    _entries[entryId] = null;
                    _freeEntries.Push(entryId);
                }
            }

            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Finds every video sharing at least one matching frame with <paramref name="query"/>, best first (by query
    /// percentage, then compared percentage, then id). <see cref="VideoMatchResult.IsMatch"/> says which pass the
    /// thresholds; python-threatexchange reports only those.
    /// </summary>
    public List<VideoIndexMatch> Search(IEnumerable<VideoFrameHash> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        bool reference = Options.Semantics == VideoMatchSemantics.Reference;
        List<(PdqHash Hash, int Count)> unique = VideoFrameSelection.CountedUnique(query, Options.QualityThreshold);
        int queryFrames = reference ? unique.Sum(u => u.Count) : unique.Count;
        var tallies = new Dictionary<long, Tally>();
        var entriesSeen = new HashSet<int>();
        var hits = new List<HammingMatch>();
        var results = new List<VideoIndexMatch>();
        _lock.EnterReadLock();
        try
        {
            for (int q = 0; q < unique.Count; q++)
            {
                int queryWeight = reference ? unique[q].Count : 1;
                _index.Search([unique[q].Hash], Options.MaxFrameDistance, hits);
                foreach (HammingMatch hit in hits)
                {
                    FrameEntry entry = _entries[(int)hit.Id]!;
                    bool firstHitOfEntry = entriesSeen.Add((int)hit.Id);
                    foreach ((long videoId, int count) in entry.Videos)
                    {
                        if (!tallies.TryGetValue(videoId, out Tally? tally))
                        {
                            tally = new Tally();
                            tallies.Add(videoId, tally);
                        }

                        // Each query frame counts once per video, however many of its frames it reaches.
                        if (tally.LastQuery != q)
                        {
                            tally.LastQuery = q;
                            tally.QueryMatched += queryWeight;
                        }

                        // Each compared frame counts once, whichever query frame reached it first.
                        if (firstHitOfEntry)
                        {
                            tally.ComparedMatched += reference ? count : 1;
                        }
                    }
                }
            }

            foreach ((long videoId, Tally tally) in tallies)
            {
                IndexedVideo video = _videos[videoId];
                int comparedFrames = reference ? video.Frames : video.UniqueFrames;
                results.Add(new VideoIndexMatch(
                    videoId, VideoMatchResult.Create(queryFrames, tally.QueryMatched, comparedFrames, tally.ComparedMatched, Options)));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        results.Sort(static (a, b) =>
        {
            int order = b.Result.QueryMatchPercent.CompareTo(a.Result.QueryMatchPercent);
            order = order != 0 ? order : b.Result.ComparedMatchPercent.CompareTo(a.Result.ComparedMatchPercent);
            return order != 0 ? order : a.VideoId.CompareTo(b.VideoId);
        });
        return results;
    }

    private sealed class Tally
    {
        public int LastQuery { get; set; } = -1;

        public int QueryMatched { get; set; }

        public int ComparedMatched { get; set; }
    }
}
