namespace Takedown.Server.Workflow;

/// <summary>
/// Every video decoding slot of this node is taken (<see cref="Hosting.TakedownOptions.MaxConcurrentVideoHashes"/>);
/// <c>/check</c> answers 503 with <c>Retry-After</c> instead of queueing without bound.
/// </summary>
public sealed class VideoBusyException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public VideoBusyException()
        : this("Every video hashing slot is busy; try again shortly.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VideoBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public VideoBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
