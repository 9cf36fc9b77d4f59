using System.Text;
using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Matching;

namespace Takedown.Server.Web;

/// <summary>The NCII bank seen from the admin pages: live hashes by kind (replayed from the bank change sequence) and export.</summary>
internal sealed class BankOverview(ITakedownStore store, BankIndex index)
{
    private const int PageSize = 5000;

    /// <summary>One live bank hash.</summary>
    /// <param name="Kind">Hash kind.</param>
    /// <param name="Value">Hash value (hex).</param>
    /// <param name="CaseNumber">The case it came from.</param>
    public sealed record LiveHash(HashKind Kind, string Value, string CaseNumber);

    /// <summary>The bank's state.</summary>
    /// <param name="Live">Live hashes in the order they were added.</param>
    /// <param name="Changes">Changes in the sequence.</param>
    /// <param name="Released">Hashes released (withdrawals, reversals).</param>
    /// <param name="IndexedOnThisNode">Entries in this node's in-memory index.</param>
    /// <param name="IndexSequence">The change sequence this node's index has reached.</param>
    public sealed record Summary(IReadOnlyList<LiveHash> Live, long Changes, int Released, int IndexedOnThisNode, long IndexSequence)
    {
        /// <summary>Live hashes of one kind.</summary>
        public int CountOf(HashKind kind) => Live.Count(h => h.Kind == kind);
    }

    /// <summary>Replays the change sequence.</summary>
    public async Task<Summary> ReadAsync(CancellationToken cancellationToken)
    {
        var live = new Dictionary<long, LiveHash>();
        long changes = 0;
        int released = 0;
        long after = 0;
        await using (ITakedownSession session = await store.BeginAsync(write: false, cancellationToken))
        {
            while (true)
            {
                IReadOnlyList<BankChange> page = await session.ReadBankChangesAsync(after, PageSize, cancellationToken);
                foreach (BankChange change in page)
                {
                    changes++;
                    after = change.Sequence;
                    if (change.Added)
                    {
                        live[change.EntryId] = new LiveHash(change.Kind, change.Value, change.CaseNumber);
                    }
                    else if (live.Remove(change.EntryId))
                    {
                        released++;
                    }
                }

                if (page.Count < PageSize)
                {
                    break;
                }
            }
        }

        return new Summary(live.OrderBy(p => p.Key).Select(p => p.Value).ToList(), changes, released, index.Count, index.LastSequence);
    }

    /// <summary>
    /// Live hashes of one kind as a bank file in the <c>takedown match --bank</c> format: <c>HASH,LABEL</c> lines with the
    /// case number as label.
    /// </summary>
    public static string Export(Summary summary, HashKind kind)
    {
        var text = new StringBuilder();
        foreach (LiveHash h in summary.Live.Where(h => h.Kind == kind))
        {
            text.Append(h.Value).Append(',').Append(h.CaseNumber).Append('\n');
        }

        return text.ToString();
    }
}
