using System.Text.Json;
using Takedown.Server.Workflow;

namespace Takedown.Server.Connectors;

/// <summary>
/// The demo platform's mailbox: appends each notification as a JSON line to a file the operator (or the demo
/// platform's mailer) reads. Lines are de-duplicated by idempotency key within the process.
/// </summary>
public sealed class FileNotifier(string path) : INotifier, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc/>
    public async Task NotifyAsync(string topic, string json, string idempotencyKey, CancellationToken cancellationToken)
    {
        string line = JsonSerializer.Serialize(new { topic, key = idempotencyKey, @event = JsonDocument.Parse(json).RootElement });
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.AppendAllTextAsync(path, line + "\n", cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
