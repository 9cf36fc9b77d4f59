using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;

namespace Takedown.Matching.Video;

/// <summary>
/// A bank of videos searchable by vPDQ. Every distinct frame hash (of quality at or above the threshold) of every
/// video is one entry of a <see cref="IHammingIndex"/>, which maps to the videos holding it. A query video's distinct
/// frames are each searched once, the hits are grouped per video and the two percentages computed as
/// python-threatexchange's <c>VPDQIndex</c> does (or, with <see cref="VideoMatchSemantics.Reference"/>, counting
/// duplicate frames as the C++ reference does).
/// </summary>
/// <remarks>Searches may run concurrently; adds and removes take an exclusive lock.</remarks>
public sealed partial class VideoIndex : IDisposable
{
    private readonly IHammingIndex _index;
    private readonly bool _ownsIndex;
    private readonly Dictionary<PdqHash, int> _entryByHash = [];
    private readonly List<FrameEntry?> _entries = [];
    private readonly Stack<int> _freeEntries = new();
    private readonly Dictionary<long, IndexedVideo> _videos = [];
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Creates an empty bank over a new <see cref="HammingIndex"/> (flat scan, multi-index hashing once large).</summary>
    public VideoIndex(VideoMatchOptions? options = null)
        : this(options, new HammingIndex(), ownsIndex: true)
    {
    }

    /// <summary>Creates an empty bank over <paramref name="index"/>, which must be empty and is not disposed by the bank.</summary>
    public VideoIndex(VideoMatchOptions? options, IHammingIndex index)
        : this(options, index, ownsIndex: false)
    {
    }

    private VideoIndex(VideoMatchOptions? options, IHammingIndex index, bool ownsIndex)
    {
        ArgumentNullException.ThrowIfNull(index);
        Options = options ?? VideoMatchOptions.Default;
        Options.Validate();
        if (index.Count != 0)
        {
            throw new ArgumentException("The Hamming index must be empty.", nameof(index));
        }

        _index = index;
        _ownsIndex = ownsIndex;
    }

    /// <summary>The thresholds and semantics used for adding and searching.</summary>
    public VideoMatchOptions Options { get; }

    /// <summary>Number of videos in the bank.</summary>
    public int VideoCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _videos.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Number of distinct frame hashes in the index.</summary>
    public int UniqueFrameCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _entryByHash.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Whether a video with this id is in the bank.</summary>
    public bool Contains(long videoId)
    {
        _lock.EnterReadLock();
        try
        {
            return _videos.ContainsKey(videoId);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsIndex && _index is IDisposable disposable)
        {
            disposable.Dispose();
        }

        _lock.Dispose();
    }

    /// <summary>A distinct frame hash and the videos that have it (with how many qualifying frames each).</summary>
    private sealed class FrameEntry(PdqHash hash)
    {
        public PdqHash Hash { get; } = hash;

        public List<(long VideoId, int Count)> Videos { get; } = [];
    }

    /// <summary>A video in the bank: its entries and its frame counts under both semantics.</summary>
    private sealed class IndexedVideo(int[] entryIds, int frames)
    {
        public int[] EntryIds { get; } = entryIds;

        /// <summary>Qualifying frames counted with duplicates (the C++ reference's denominator).</summary>
        public int Frames { get; } = frames;

        /// <summary>Distinct qualifying hashes (python-threatexchange's denominator).</summary>
        public int UniqueFrames => EntryIds.Length;
    }
}
