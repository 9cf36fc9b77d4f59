using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Hashing.Pdq;
using Takedown.Matching;
using Takedown.Matching.Video;

namespace Takedown.Server.Matching;

/// <summary>
/// The node's in-memory copy of the NCII bank: PDQ hashes in a <see cref="HammingIndex"/> (flat scan, switching to
/// multi-index hashing as it grows) and exact hashes in dictionaries. It follows the database's bank change sequence
/// incrementally (<see cref="SyncAsync"/>); it never reloads the whole bank after start-up.
/// </summary>
/// <remarks>
/// Queries never wait for the change applier (left-right scheme): the index is held twice. Readers register on the
/// active copy and read it without locks; the applier writes a batch into the inactive copy, publishes it as the
/// active one, waits until the readers still inside the old copy leave (queries take well under a millisecond),
/// then writes the same batch into the old copy. The price is twice the memory (about 90 bytes per PDQ hash per
/// copy) and applying each batch twice, off the request path.
/// </remarks>
public sealed partial class BankIndex : IDisposable
{
    private const int BatchSize = 20_000;

    [ThreadStatic]
    private static List<HammingMatch>? t_hits;

    private readonly BankIndexSide _left;
    private readonly BankIndexSide _right;
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private BankIndexSide _active;
    private long _lastSequence;

    /// <summary>
    /// Creates an empty index with the default Hamming index strategy, each search on its caller's thread (the upload
    /// gate answers many checks at once, so borrowing a second core per search would only cost throughput).
    /// </summary>
    public BankIndex()
        : this(new HammingIndexOptions { ParallelSearch = false })
    {
    }

    /// <summary>Creates an empty index (tests force a strategy).</summary>
    internal BankIndex(HammingIndexOptions? options)
    {
        _left = new BankIndexSide(options);
        _right = new BankIndexSide(options);
        _active = _left;
        _video = new VideoIndex(s_videoOptions, _videoFrames);
    }

    /// <summary>Last applied change sequence.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>Number of active bank entries held.</summary>
    public int Count
    {
        get
        {
            BankIndexSide side = EnterReader();
            try
            {
                return side.Count + _video.VideoCount;
            }
            finally
            {
                side.Exit();
            }
        }
    }

    /// <summary>
    /// Applies all bank changes committed since the last call; returns how many were applied. New PDQ hashes are
    /// added in one bulk load per call (so a start-up over a large bank builds the multi-index segments once).
    /// </summary>
    public async Task<int> SyncAsync(ITakedownStore store, CancellationToken cancellationToken)
    {
        await _syncGate.WaitAsync(cancellationToken);
        try
        {
            var pending = new List<PendingChange>();
            var videoChanges = new List<BankChange>();
            var caseNumbers = new Dictionary<string, string>(StringComparer.Ordinal);
            long last = _lastSequence;
            while (true)
            {
                IReadOnlyList<BankChange> changes;
                await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
                {
                    changes = await session.ReadBankChangesAsync(last, BatchSize, cancellationToken);
                }

                foreach (BankChange change in changes)
                {
                    if (!caseNumbers.TryGetValue(change.CaseNumber, out string? caseNumber))
                    {
                        caseNumbers[change.CaseNumber] = caseNumber = change.CaseNumber;
                    }

                    if (change.Kind == HashKind.Vpdq)
                    {
                        videoChanges.Add(change with { CaseNumber = caseNumber });
                        continue;
                    }

                    pending.Add(change.Kind == HashKind.Pdq
                        ? new PendingChange(change.EntryId, change.Added, change.Kind, PdqHash.Parse(change.Value), null, caseNumber)
                        : new PendingChange(change.EntryId, change.Added, change.Kind, default, change.Value, caseNumber));
                }

                if (changes.Count > 0)
                {
                    last = changes[^1].Sequence;
                }

                if (changes.Count < BatchSize)
                {
                    break;
                }
            }

            if (pending.Count > 0 || videoChanges.Count > 0)
            {
                // From here on the batch goes into both copies whatever happens to the caller's token.
                if (pending.Count > 0)
                {
                    await ApplyAsync(pending);
                }

                ApplyVideo(videoChanges);
                Volatile.Write(ref _lastSequence, last);
            }

            return pending.Count + videoChanges.Count;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>Finds bank hashes matching the given hashes: exact ones, and PDQ within <paramref name="radius"/>.</summary>
    /// <param name="pdq">PDQ query hashes (e.g. the eight dihedral variants), at most 8.</param>
    /// <param name="sha256">SHA-256 hex, or null.</param>
    /// <param name="md5">MD5 hex, or null.</param>
    /// <param name="radius">PDQ radius.</param>
    /// <param name="results">Receives the matches, best first per kind.</param>
    public void Match(ReadOnlySpan<PdqHash> pdq, string? sha256, string? md5, int radius, List<BankMatch> results)
    {
        List<HammingMatch> hits = t_hits ??= [];
        hits.Clear();
        BankIndexSide side = EnterReader();
        try
        {
            side.Match(pdq, sha256, md5, radius, results, hits);
        }
        finally
        {
            side.Exit();
            hits.Clear();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _left.Dispose();
        _right.Dispose();
        _video.Dispose();
        _videoFrames.Dispose();
        _syncGate.Dispose();
    }

    /// <summary>
    /// Enters the active copy as a reader (the caller must <see cref="BankIndexSide.Exit"/>). Tests hold a reader
    /// inside to show that the applier does not make queries wait.
    /// </summary>
    internal BankIndexSide EnterReader()
    {
        while (true)
        {
            BankIndexSide side = Volatile.Read(ref _active);
            side.Enter();

            // The interlocked increment is a full fence: if the applier swapped before it, this sees the swap and
            // leaves; if not, the applier sees this reader and waits for it before writing this copy.
            if (ReferenceEquals(side, Volatile.Read(ref _active)))
            {
                return side;
            }

            side.Exit();
        }
    }

    private async Task ApplyAsync(List<PendingChange> pending)
    {
        BankIndexSide active = _active;
        BankIndexSide inactive = ReferenceEquals(active, _left) ? _right : _left;
        await WaitForReadersAsync(inactive);
        inactive.Apply(pending);
        Interlocked.Exchange(ref _active, inactive);
        await WaitForReadersAsync(active);
        active.Apply(pending);
    }

    private static async Task WaitForReadersAsync(BankIndexSide side)
    {
        while (side.Readers > 0)
        {
            await Task.Delay(1, CancellationToken.None);
        }
    }

    /// <summary>One bank change read from the change sequence.</summary>
    internal readonly record struct PendingChange(long EntryId, bool Added, HashKind Kind, PdqHash Pdq, string? Exact, string CaseNumber);
}
