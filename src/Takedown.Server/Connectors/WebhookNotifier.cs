using Takedown.Server.Workflow;

namespace Takedown.Server.Connectors;

/// <summary>Posts notifications to the platform's signed <c>{base}/events</c> webhook.</summary>
public sealed class WebhookNotifier(WebhookConnector connector) : INotifier
{
    /// <inheritdoc/>
    public Task NotifyAsync(string topic, string json, string idempotencyKey, CancellationToken cancellationToken) =>
        connector.PostEventAsync(json, idempotencyKey, cancellationToken);
}
