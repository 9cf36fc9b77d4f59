using System.Collections.Frozen;

namespace Takedown.Core.Cases;

/// <summary>
/// The one place that says which case status may follow which. Every change of a case's status goes through
/// <see cref="EnsureCanMove"/>.
/// </summary>
public static class CaseStateMachine
{
    private static readonly FrozenDictionary<CaseStatus, CaseStatus[]> s_allowed = new Dictionary<CaseStatus, CaseStatus[]>
    {
        [CaseStatus.Incomplete] =
        [
            CaseStatus.Open, CaseStatus.InformationRequested, CaseStatus.ProvisionallyRemoved, CaseStatus.Removed,
            CaseStatus.Rejected, CaseStatus.Withdrawn,
        ],
        [CaseStatus.Open] =
        [
            CaseStatus.InformationRequested, CaseStatus.ProvisionallyRemoved, CaseStatus.Removed,
            CaseStatus.Rejected, CaseStatus.Withdrawn,
        ],
        [CaseStatus.InformationRequested] =
        [
            CaseStatus.Open, CaseStatus.ProvisionallyRemoved, CaseStatus.Removed, CaseStatus.Rejected,
            CaseStatus.Withdrawn,
        ],
        [CaseStatus.ProvisionallyRemoved] = [CaseStatus.Removed, CaseStatus.Rejected, CaseStatus.Withdrawn, CaseStatus.Restored],
        [CaseStatus.Removed] = [CaseStatus.Withdrawn, CaseStatus.Restored],
        [CaseStatus.Rejected] = [CaseStatus.Open, CaseStatus.Withdrawn],
        [CaseStatus.Withdrawn] = [],
        [CaseStatus.Restored] = [],
    }.ToFrozenDictionary();

    /// <summary>Whether a case in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(CaseStatus from, CaseStatus to) =>
        s_allowed.TryGetValue(from, out CaseStatus[]? targets) && Array.IndexOf(targets, to) >= 0;

    /// <summary>The statuses a case in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<CaseStatus> NextStatuses(CaseStatus from) =>
        s_allowed.TryGetValue(from, out CaseStatus[]? targets) ? targets : [];

    /// <summary>Throws <see cref="InvalidTransitionException"/> unless the move is allowed.</summary>
    public static void EnsureCanMove(CaseStatus from, CaseStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new InvalidTransitionException(from, to);
        }
    }

    /// <summary>Whether the case is still waiting for a decision (the deadline matters).</summary>
    public static bool IsAwaitingDecision(CaseStatus status) =>
        status is CaseStatus.Incomplete or CaseStatus.Open or CaseStatus.InformationRequested;

    /// <summary>Whether a requester may still withdraw the case.</summary>
    public static bool CanWithdraw(CaseStatus status) => CanMove(status, CaseStatus.Withdrawn);
}
