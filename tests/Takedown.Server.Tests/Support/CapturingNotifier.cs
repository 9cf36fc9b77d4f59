using System.Collections.Concurrent;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Support;

/// <summary>Records notifications; can be told to fail.</summary>
internal sealed class CapturingNotifier : INotifier
{
    public ConcurrentQueue<(string Topic, string Json, string Key)> Sent { get; } = new();

    public bool Fail { get; set; }

    public Task NotifyAsync(string topic, string json, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new HttpRequestException("platform webhook unavailable");
        }

        Sent.Enqueue((topic, json, idempotencyKey));
        return Task.CompletedTask;
    }
}
