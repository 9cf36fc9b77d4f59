namespace Takedown.Core.Exchange;

/// <summary>
/// A source of hashes (SHR-1): a partner feed, another Takedown deployment or a file. Fetches are incremental from
/// an opaque checkpoint; each page is applied atomically together with its checkpoint by
/// <see cref="ExchangeSynchronizer"/>, so an interrupted sync resumes without loss or duplicates.
/// </summary>
public interface IHashExchange
{
    /// <summary>The exchange type name (<c>stop_ncii</c>, <c>takedown</c>, <c>file</c>).</summary>
    public string Type { get; }

    /// <summary>
    /// Fetches the page after <paramref name="checkpoint"/> (null: from the beginning). Throws
    /// <see cref="ExchangeFormatException"/> for a malformed or untrustworthy page and <see cref="HttpRequestException"/>
    /// for transport failures.
    /// </summary>
    public Task<ExchangePage> FetchPageAsync(string? checkpoint, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="SubmitFeedbackAsync"/> reports anything to the source.</summary>
    public bool SupportsFeedback { get; }

    /// <summary>Reports match outcomes to the source; does nothing when <see cref="SupportsFeedback"/> is false.</summary>
    public Task SubmitFeedbackAsync(IReadOnlyList<ExchangeFeedback> feedback, CancellationToken cancellationToken);
}
