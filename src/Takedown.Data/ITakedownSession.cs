using Takedown.Core.Audit;
using Takedown.Core.Cases;
using Takedown.Core.Media;
using Takedown.Data.Records;

namespace Takedown.Data;

/// <summary>One unit of work. Dispose without <see cref="CommitAsync"/> rolls everything back.</summary>
public partial interface ITakedownSession : IAsyncDisposable
{
    /// <summary>Commits the unit of work durably.</summary>
    public Task CommitAsync(CancellationToken cancellationToken);

    // Cases

    /// <summary>Inserts a case and returns it with its id.</summary>
    public Task<CaseRecord> InsertCaseAsync(NewCase newCase, CancellationToken cancellationToken);

    /// <summary>Finds a case by its public number.</summary>
    public Task<CaseRecord?> GetCaseAsync(string caseNumber, CancellationToken cancellationToken);

    /// <summary>Finds a case by id.</summary>
    public Task<CaseRecord?> GetCaseAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Replaces the requester-supplied fields (when information is added to an incomplete case).</summary>
    public Task UpdateCaseRequestAsync(long caseId, Takedown.Core.Requests.RemovalRequest request, string missing, DateTimeOffset? completedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a case from <paramref name="from"/> to <paramref name="target"/>, checked by <see cref="CaseStateMachine"/>;
    /// throws <see cref="Takedown.Core.ConflictException"/> when the stored status is no longer <paramref name="from"/>.
    /// </summary>
    public Task SetCaseStatusAsync(long caseId, CaseStatus from, CaseStatus target, DateTimeOffset? closedAt, CancellationToken cancellationToken);

    /// <summary>Claims a case for a moderator; returns false when someone else holds it.</summary>
    public Task<bool> ClaimCaseAsync(long caseId, string moderator, DateTimeOffset at, bool force, CancellationToken cancellationToken);

    /// <summary>Records the deadline warning level reached.</summary>
    public Task SetWarningLevelAsync(long caseId, int level, CancellationToken cancellationToken);

    /// <summary>Records a deadline breach.</summary>
    public Task SetBreachedAsync(long caseId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// The moderator queue: cases awaiting a decision or with items to review, ordered strictly by time left: breached
    /// cases first, then by deadline, ties by receipt time. The intake channel never reorders it.
    /// </summary>
    public Task<IReadOnlyList<CaseRecord>> ListQueueAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Cases whose deadline still matters (awaiting decision or with items to review), for the deadline job.</summary>
    public Task<IReadOnlyList<CaseRecord>> ListOpenDeadlinesAsync(CancellationToken cancellationToken);

    // Items

    /// <summary>Adds an item to a case.</summary>
    public Task<ItemRecord> InsertItemAsync(long caseId, string location, string? contentId, ItemOrigin origin, ItemStatus status, long? sourceItemId, int? distance, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lists a case's items in insertion order.</summary>
    public Task<IReadOnlyList<ItemRecord>> ListItemsAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Finds an item.</summary>
    public Task<ItemRecord?> GetItemAsync(long itemId, CancellationToken cancellationToken);

    /// <summary>Sets an item's status and stamps removal or restoration times.</summary>
    public Task SetItemStatusAsync(long itemId, ItemStatus status, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Items of any case with this content id.</summary>
    public Task<IReadOnlyList<ItemRecord>> FindItemsByContentIdAsync(string contentId, CancellationToken cancellationToken);

    // Decisions, notes, appeals

    /// <summary>Records a decision.</summary>
    public Task<DecisionRecord> InsertDecisionAsync(long caseId, long? itemId, string kind, string? reason, string actor, string automation, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lists a case's decisions, oldest first.</summary>
    public Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Adds a moderator note.</summary>
    public Task<NoteRecord> InsertNoteAsync(long caseId, string author, string body, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lists a case's notes, oldest first.</summary>
    public Task<IReadOnlyList<NoteRecord>> ListNotesAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Files an appeal.</summary>
    public Task<AppealRecord> InsertAppealAsync(long caseId, long itemId, string statement, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Finds an appeal.</summary>
    public Task<AppealRecord?> GetAppealAsync(long appealId, CancellationToken cancellationToken);

    /// <summary>Decides an appeal.</summary>
    public Task DecideAppealAsync(long appealId, AppealStatus status, string decidedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Pending appeals, oldest first.</summary>
    public Task<IReadOnlyList<AppealRecord>> ListPendingAppealsAsync(CancellationToken cancellationToken);

    // Bank

    /// <summary>Adds a hash to the bank and appends an <c>add</c> change.</summary>
    public Task<BankEntry> InsertBankEntryAsync(long caseId, string caseNumber, long? itemId, HashKind kind, string value, int quality, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deactivates a case's hashes (optionally only one item's) and appends <c>remove</c> changes; returns how many.</summary>
    public Task<int> ReleaseBankEntriesAsync(long caseId, string caseNumber, long? itemId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A case's active bank entries.</summary>
    public Task<IReadOnlyList<BankEntry>> ListBankEntriesAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Bank changes after <paramref name="afterSequence"/>, in order.</summary>
    public Task<IReadOnlyList<BankChange>> ReadBankChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    // Platform content registry

    /// <summary>Inserts or updates registered content.</summary>
    public Task UpsertContentAsync(IReadOnlyList<ContentRecord> content, CancellationToken cancellationToken);

    /// <summary>Registered content with id greater than <paramref name="afterId"/>, in id order.</summary>
    public Task<IReadOnlyList<ContentRecord>> ListContentAsync(long afterId, int limit, CancellationToken cancellationToken);

    // Audit

    /// <summary>Appends an event to the hash-chained audit log (write sessions only).</summary>
    public Task<AuditEvent> AppendAuditAsync(string actor, string action, string? caseNumber, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Events with sequence at least <paramref name="fromSequence"/>, in order.</summary>
    public Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(long fromSequence, int limit, CancellationToken cancellationToken);

    /// <summary>A case's events, in order.</summary>
    public Task<IReadOnlyList<AuditEvent>> ReadAuditForCaseAsync(string caseNumber, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> audit events with one action, newest first.</summary>
    public Task<IReadOnlyList<AuditEvent>> ReadAuditByActionAsync(string action, int limit, CancellationToken cancellationToken);

    // Users and keys

    /// <summary>Adds a user.</summary>
    public Task<UserRecord> InsertUserAsync(string username, string passwordHash, string role, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Finds a user by name.</summary>
    public Task<UserRecord?> GetUserAsync(string username, CancellationToken cancellationToken);

    /// <summary>Number of users.</summary>
    public Task<long> CountUsersAsync(CancellationToken cancellationToken);

    /// <summary>Adds an API key.</summary>
    public Task<ApiKeyRecord> InsertApiKeyAsync(string prefix, byte[] keyHash, string name, IReadOnlyList<string> scopes, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Finds an API key by its public prefix.</summary>
    public Task<ApiKeyRecord?> GetApiKeyAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Lists API keys.</summary>
    public Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken);

    /// <summary>Revokes an API key; returns false when unknown or already revoked.</summary>
    public Task<bool> RevokeApiKeyAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);

    // Outbox and sweeps

    /// <summary>Queues a message; a repeated idempotency key is ignored. Returns whether it was new.</summary>
    public Task<bool> EnqueueAsync(string topic, string payload, string idempotencyKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Undelivered messages due at <paramref name="now"/>, oldest first.</summary>
    public Task<IReadOnlyList<OutboxMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Marks a message delivered.</summary>
    public Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt and when to try again.</summary>
    public Task MarkFailedAsync(long id, int attempts, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken);

    /// <summary>Undelivered messages with this topic prefix (for inspection and tests).</summary>
    public Task<IReadOnlyList<OutboxMessage>> ListUndeliveredAsync(string topicPrefix, CancellationToken cancellationToken);

    /// <summary>Queues a copy sweep for a case.</summary>
    public Task EnqueueSweepAsync(long caseId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Sweeps not yet done, oldest first.</summary>
    public Task<IReadOnlyList<SweepRecord>> ListPendingSweepsAsync(CancellationToken cancellationToken);

    /// <summary>Marks a sweep done.</summary>
    public Task MarkSweepDoneAsync(long sweepId, DateTimeOffset at, CancellationToken cancellationToken);
}
