namespace Takedown.Server.Hosting;

/// <summary>The service's log messages. They carry case numbers and counts, never requester personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = EventIds.CaseCreated, Level = LogLevel.Information, Message = "Case {CaseNumber} received ({Status}, {ItemCount} items)")]
    public static partial void CaseCreated(ILogger logger, string caseNumber, string status, int itemCount);

    [LoggerMessage(EventId = EventIds.DecisionRecorded, Level = LogLevel.Information, Message = "Case {CaseNumber}: {Decision} by {Actor}")]
    public static partial void DecisionRecorded(ILogger logger, string caseNumber, string decision, string actor);

    [LoggerMessage(EventId = EventIds.ConnectorFailed, Level = LogLevel.Warning, Message = "Connector call {Operation} failed for content {ContentId}")]
    public static partial void ConnectorFailed(ILogger logger, Exception exception, string operation, string contentId);

    [LoggerMessage(EventId = EventIds.OutboxDelivered, Level = LogLevel.Debug, Message = "Outbox message {Id} ({Topic}) delivered")]
    public static partial void OutboxDelivered(ILogger logger, long id, string topic);

    [LoggerMessage(EventId = EventIds.OutboxFailed, Level = LogLevel.Warning, Message = "Outbox message {Id} ({Topic}) failed, attempt {Attempt}; next at {NextAttempt}")]
    public static partial void OutboxFailed(ILogger logger, Exception exception, long id, string topic, int attempt, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = EventIds.DeadlineWarning, Level = LogLevel.Warning, Message = "Case {CaseNumber} has used {Percent}% of its deadline")]
    public static partial void DeadlineWarning(ILogger logger, string caseNumber, int percent);

    [LoggerMessage(EventId = EventIds.DeadlineBreached, Level = LogLevel.Error, Message = "Case {CaseNumber} missed its deadline")]
    public static partial void DeadlineBreached(ILogger logger, string caseNumber);

    [LoggerMessage(EventId = EventIds.SweepFinished, Level = LogLevel.Information, Message = "Copy sweep for case {CaseNumber}: {Exact} exact copies removed, {Near} near copies queued")]
    public static partial void SweepFinished(ILogger logger, string caseNumber, int exact, int near);

    [LoggerMessage(EventId = EventIds.IndexSynced, Level = LogLevel.Debug, Message = "Index applied {Count} bank changes up to {Sequence}")]
    public static partial void IndexSynced(ILogger logger, int count, long sequence);

    [LoggerMessage(EventId = EventIds.JobFailed, Level = LogLevel.Error, Message = "Background job {Job} failed; it will run again")]
    public static partial void JobFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(EventId = EventIds.UnhandledError, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);
}
