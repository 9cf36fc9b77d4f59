using Takedown.Server.Matching;

namespace Takedown.Server.Exchange;

/// <summary>
/// Told about the matches of every <c>/api/v1/check</c> answer. Called on the request thread of a hot path: an
/// implementation must only queue (never block, never touch the database) and must not keep the list, which the
/// caller reuses after the call returns.
/// </summary>
public interface IMatchObserver
{
    /// <summary>Observes the matches of one check answer.</summary>
    /// <param name="matches">The matches, best first.</param>
    /// <param name="blocked">Whether the answer was <c>block</c> (otherwise <c>review</c>).</param>
    public void Observe(IReadOnlyList<BankMatch> matches, bool blocked);
}
