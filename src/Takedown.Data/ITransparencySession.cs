using Takedown.Data.Records;

namespace Takedown.Data;

/// <summary>Reads removal decisions for DSA statements of reasons (RPT-1). Implemented by every SQL session.</summary>
public interface ITransparencySession
{
    /// <summary>
    /// Removal decisions with id greater than <paramref name="afterDecisionId"/>, in id order, one row per removed
    /// item (a case-level decision covers the case's reported items). Carries no requester or uploader data.
    /// </summary>
    public Task<IReadOnlyList<RemovalDecisionRow>> ListRemovalDecisionsAsync(long afterDecisionId, int limit, CancellationToken cancellationToken);
}

/// <summary>Access to <see cref="ITransparencySession"/> from a session.</summary>
public static class TransparencySessions
{
    /// <summary>The transparency reads of this unit of work.</summary>
    public static ITransparencySession Transparency(this ITakedownSession session) =>
        session as ITransparencySession ?? throw new NotSupportedException("This storage does not support transparency exports.");
}
