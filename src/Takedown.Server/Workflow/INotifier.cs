namespace Takedown.Server.Workflow;

/// <summary>
/// Delivers notifications (requester outcomes, uploader statements of reasons, moderator deadline warnings) to the
/// platform, which owns e-mail and in-app messaging. Called by the outbox, so failures are retried.
/// </summary>
public interface INotifier
{
    /// <summary>Delivers one event; throws on failure.</summary>
    public Task NotifyAsync(string topic, string json, string idempotencyKey, CancellationToken cancellationToken);
}
