namespace Takedown.Core.Exchange.StopNcii;

/// <summary>How to reach a StopNCII-style partner API (<c>FetchHashes</c>, <c>SubmitFeedback</c>).</summary>
public sealed record StopNciiOptions
{
    /// <summary>Base address, e.g. <c>https://api.stopncii.org/v1/</c> (a trailing slash is added when missing).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The <c>Ocp-Apim-Subscription-Key</c> header value.</summary>
    public required string SubscriptionKey { get; init; }

    /// <summary>The <c>x-functions-key</c> of the <c>FetchHashes</c> endpoint.</summary>
    public required string FetchFunctionKey { get; init; }

    /// <summary>The <c>x-functions-key</c> of <c>SubmitFeedback</c>; feedback is not sent when null.</summary>
    public string? FeedbackFunctionKey { get; init; }

    /// <summary>Records per page.</summary>
    /// <value>The default value is 800 (the reference client's).</value>
    public int PageSize { get; init; } = 800;

    /// <summary>Start timestamp of the very first fetch.</summary>
    /// <value>The default value is 10 (the reference client's).</value>
    public long InitialTimestamp { get; init; } = 10;

    /// <summary>Retries of a GET answered with 429 or 5xx.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; later retries wait proportionally longer.</summary>
    /// <value>The default value is 200 ms.</value>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Tags sent with feedback.</summary>
    public IReadOnlyList<string> FeedbackTags { get; init; } = [];
}
