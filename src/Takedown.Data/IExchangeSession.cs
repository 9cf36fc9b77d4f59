using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data;

/// <summary>
/// Storage of named hash banks, exchanges, match outcomes, share consents and the published feed. Every
/// <see cref="ITakedownSession"/> implements it too (same unit of work); get it with <see cref="ExchangeSessions.Exchange"/>.
/// Every change to a bank's signals appends to the bank change sequence, so nodes' indexes follow without reloads.
/// </summary>
public interface IExchangeSession
{
    // Banks

    /// <summary>Creates a bank; throws <see cref="Takedown.Core.ConflictException"/> when the name is taken.</summary>
    public Task<HashBankRecord> CreateBankAsync(string name, double enabledRatio, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Finds a bank by name.</summary>
    public Task<HashBankRecord?> GetBankAsync(string name, CancellationToken cancellationToken);

    /// <summary>All banks by name.</summary>
    public Task<IReadOnlyList<HashBankRecord>> ListBanksAsync(CancellationToken cancellationToken);

    /// <summary>Renames a bank or changes its ratio; throws <see cref="Takedown.Core.ConflictException"/> on a name clash.</summary>
    public Task<HashBankRecord> UpdateBankAsync(long bankId, string name, double enabledRatio, CancellationToken cancellationToken);

    /// <summary>Deletes a bank with all its content (their signals leave the index); returns whether it existed.</summary>
    public Task<bool> DeleteBankAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Number of signals of every named bank, by kind.</summary>
    public Task<IReadOnlyDictionary<HashKind, long>> CountSignalsByKindAsync(CancellationToken cancellationToken);

    /// <summary>Number of signals in a bank.</summary>
    public Task<long> CountSignalsAsync(long bankId, CancellationToken cancellationToken);

    // Content

    /// <summary>Adds one content item with its signals (they enter the index).</summary>
    public Task<BankContentRecord> AddContentAsync(HashBankRecord bank, IReadOnlyList<(HashKind Kind, string Value)> signals, string? label, string? note, string? metadata, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Finds content by id (in any bank; callers check the bank).</summary>
    public Task<BankContentRecord?> GetContentAsync(long contentId, CancellationToken cancellationToken);

    /// <summary>Sets disable_until and/or the note; signals leave or re-enter the index when the enabled state flips.</summary>
    public Task<BankContentRecord?> UpdateContentAsync(long contentId, long? disableUntil, string? note, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes content and its signals (they leave the index); returns rows deleted (0 or 1).</summary>
    public Task<int> DeleteContentAsync(long contentId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Signals with these values, with their content and bank (for HMA lookups).</summary>
    public Task<IReadOnlyList<SignalHit>> FindSignalsAsync(HashKind kind, string value, CancellationToken cancellationToken);

    /// <summary>Signals by id (index entry ids negated back), with their content and bank.</summary>
    public Task<IReadOnlyList<SignalHit>> GetSignalsAsync(IReadOnlyCollection<long> signalIds, CancellationToken cancellationToken);

    /// <summary>A bank's signals with id greater than <paramref name="afterSignalId"/>, in id order (export).</summary>
    public Task<IReadOnlyList<(BankSignal Signal, string? Label)>> ListBankSignalsAsync(long bankId, long afterSignalId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts or deletes exchange records by key in one bank (a later record replaces an earlier one). Returns the
    /// number upserted (added or changed) and deleted.
    /// </summary>
    public Task<(int Upserted, int Deleted)> ApplyRecordsAsync(HashBankRecord bank, IReadOnlyList<ExchangeRecord> records, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Bulk import of a hash list into a bank, keyed by kind and value (re-importing changes only labels).</summary>
    public Task<(int Added, int Updated)> ImportAsync(HashBankRecord bank, IEnumerable<HashListEntry> entries, DateTimeOffset at, CancellationToken cancellationToken);

    // Exchanges

    /// <summary>Adds an exchange and creates its bank; throws <see cref="Takedown.Core.ConflictException"/> when the name is taken.</summary>
    public Task<ExchangeConfigRecord> InsertExchangeAsync(string name, string type, string config, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Finds an exchange.</summary>
    public Task<ExchangeConfigRecord?> GetExchangeAsync(string name, CancellationToken cancellationToken);

    /// <summary>All exchanges by name.</summary>
    public Task<IReadOnlyList<ExchangeConfigRecord>> ListExchangesAsync(CancellationToken cancellationToken);

    /// <summary>Removes an exchange and its bank (its hashes stop matching); returns whether it existed.</summary>
    public Task<bool> DeleteExchangeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Stores the checkpoint and counts after an applied page.</summary>
    public Task SetCheckpointAsync(long exchangeId, string checkpoint, int applied, CancellationToken cancellationToken);

    /// <summary>Stores the outcome of a sync run.</summary>
    public Task RecordSyncAsync(long exchangeId, ExchangeSyncResult result, DateTimeOffset at, CancellationToken cancellationToken);

    // Outcomes

    /// <summary>Records an outcome for a matched imported signal; returns false when already recorded.</summary>
    public Task<bool> InsertOutcomeAsync(SignalHit signal, string contentRef, MatchOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Outcomes of a bank not yet reported, oldest first.</summary>
    public Task<IReadOnlyList<OutcomeRecord>> ListUnreportedOutcomesAsync(long bankId, int limit, CancellationToken cancellationToken);

    /// <summary>All outcomes of a bank, oldest first.</summary>
    public Task<IReadOnlyList<OutcomeRecord>> ListOutcomesAsync(long bankId, CancellationToken cancellationToken);

    /// <summary>Marks outcomes reported.</summary>
    public Task MarkOutcomesReportedAsync(IReadOnlyList<long> outcomeIds, DateTimeOffset at, CancellationToken cancellationToken);

    // Sharing consent and the published feed

    /// <summary>Records (or withdraws) a requester's consent to share their case's hashes; returns whether it changed.</summary>
    public Task<bool> SetShareConsentAsync(string caseNumber, bool consent, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether a case's hashes may be shared now.</summary>
    public Task<bool> HasShareConsentAsync(string caseNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the feed up to date: reads NCII bank changes after the publisher's cursor and appends feed events for
    /// consenting cases. Consent changes append events themselves. Returns events appended.
    /// </summary>
    public Task<int> RefreshFeedAsync(DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Feed events after <paramref name="afterSequence"/>, in order.</summary>
    public Task<IReadOnlyList<FeedEventRecord>> ReadFeedAsync(long afterSequence, int limit, CancellationToken cancellationToken);
}

/// <summary>Access to <see cref="IExchangeSession"/> from a session.</summary>
public static class ExchangeSessions
{
    /// <summary>The exchange storage of this unit of work.</summary>
    public static IExchangeSession Exchange(this ITakedownSession session) =>
        session as IExchangeSession ?? throw new NotSupportedException("This storage does not support exchanges.");
}
