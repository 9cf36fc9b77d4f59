using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Takedown.Core.Media;

namespace Takedown.Core.Exchange.StopNcii;

/// <summary>
/// A StopNCII-style partner feed (SHR-1). Pages through <c>FetchHashes</c> with <c>startTimestamp</c> and
/// <c>nextPageToken</c>; when a set is played out (<c>hasMoreRecords</c> false) the next fetch starts at
/// <c>nextSetTimestamp</c>, which never moves the checkpoint backwards. Records are keyed by signal type and hash and
/// replace earlier ones. Unlike HMA's connector, a record whose <c>hashStatus</c> is <c>Withdrawn</c> or
/// <c>Deleted</c>, or whose cases are all withdrawn or deleted, is a deletion. <c>ImagePDQ</c> maps to PDQ and
/// <c>VideoMD5</c> to MD5; other types (<c>VideoTMK</c>, <c>URL</c>, <c>Text</c>) are skipped. Outcomes go back
/// through <c>SubmitFeedback</c> as <c>PendingReview</c>, <c>Blocked</c> or <c>NotBlocked</c>.
/// </summary>
public sealed class StopNciiExchange(HttpClient http, StopNciiOptions options, TimeProvider time) : IHashExchange
{
    /// <summary>The exchange type name.</summary>
    public const string TypeName = "stop_ncii";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public bool SupportsFeedback => options.FeedbackFunctionKey is not null;

    /// <inheritdoc/>
    public async Task<ExchangePage> FetchPageAsync(string? checkpoint, CancellationToken cancellationToken)
    {
        StopNciiCheckpoint state = ParseCheckpoint(checkpoint);
        string query = string.Create(CultureInfo.InvariantCulture, $"FetchHashes?startTimestamp={state.Start}&pageSize={options.PageSize}");
        if (!string.IsNullOrEmpty(state.Token))
        {
            query += "&nextPageToken=" + Uri.EscapeDataString(state.Token);
        }

        FetchHashesResponse response = await GetAsync(new Uri(Base, query), cancellationToken);
        if (response.HashRecords is null || response.HasMoreRecords is null)
        {
            throw new ExchangeFormatException("FetchHashes answer lacks hashRecords or hasMoreRecords");
        }

        var records = new List<ExchangeRecord>(response.HashRecords.Count);
        foreach (StopNciiHashRecord record in response.HashRecords)
        {
            if (Map(record) is { } mapped)
            {
                records.Add(mapped);
            }
        }

        StopNciiCheckpoint next;
        if (response.HasMoreRecords.Value)
        {
            if (string.IsNullOrEmpty(response.NextPageToken))
            {
                throw new ExchangeFormatException("FetchHashes says hasMoreRecords but gives no nextPageToken");
            }

            next = new StopNciiCheckpoint { Start = state.Start, Token = response.NextPageToken };
        }
        else
        {
            // The reference mock's nextSetTimestamp can go backwards; never rewind the checkpoint.
            next = new StopNciiCheckpoint { Start = Math.Max(state.Start, response.NextSetTimestamp ?? state.Start), Token = null };
        }

        return new ExchangePage(records, JsonSerializer.Serialize(next, StopNciiJsonContext.Default.StopNciiCheckpoint), response.HasMoreRecords.Value);
    }

    /// <inheritdoc/>
    public async Task SubmitFeedbackAsync(IReadOnlyList<ExchangeFeedback> feedback, CancellationToken cancellationToken)
    {
        if (options.FeedbackFunctionKey is null || feedback.Count == 0)
        {
            return;
        }

        var body = new SubmitFeedbackRequest { Count = feedback.Count };
        foreach (ExchangeFeedback f in feedback)
        {
            body.HashFeedbacks.Add(new HashFeedback
            {
                SignalType = f.Kind == HashKind.Pdq ? "ImagePDQ" : "VideoMD5",
                HashValue = f.Value,
                FeedbackValue = f.Outcome switch
                {
                    MatchOutcome.PendingReview => "PendingReview",
                    MatchOutcome.Blocked => "Blocked",
                    MatchOutcome.NotBlocked => "NotBlocked",
                    _ => throw new ArgumentOutOfRangeException(nameof(feedback)),
                },
                Tags = [.. options.FeedbackTags],
            });
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, "SubmitFeedback"))
        {
            Content = JsonContent.Create(body, StopNciiJsonContext.Default.SubmitFeedbackRequest),
        };
        AddHeaders(request, options.FeedbackFunctionKey);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private Uri Base => options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");

    private async Task<FetchHashesResponse> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            AddHeaders(request, options.FetchFunctionKey);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            bool retryable = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            if (retryable && attempt < options.MaxRetries)
            {
                await Task.Delay(options.RetryDelay * (attempt + 1), time, cancellationToken);
                continue;
            }

            response.EnsureSuccessStatusCode();
            try
            {
                return await response.Content.ReadFromJsonAsync(StopNciiJsonContext.Default.FetchHashesResponse, cancellationToken)
                    ?? throw new ExchangeFormatException("FetchHashes answered null");
            }
            catch (JsonException e)
            {
                throw new ExchangeFormatException($"FetchHashes answer is not valid JSON of the documented shape: {e.Message}", e);
            }
        }
    }

    private void AddHeaders(HttpRequestMessage request, string functionKey)
    {
        request.Headers.Add("x-functions-key", functionKey);
        request.Headers.Add("Ocp-Apim-Subscription-Key", options.SubscriptionKey);
    }

    private StopNciiCheckpoint ParseCheckpoint(string? checkpoint)
    {
        if (string.IsNullOrEmpty(checkpoint))
        {
            return new StopNciiCheckpoint { Start = options.InitialTimestamp };
        }

        try
        {
            return JsonSerializer.Deserialize(checkpoint, StopNciiJsonContext.Default.StopNciiCheckpoint)
                ?? throw new ExchangeFormatException("the stored StopNCII checkpoint is empty");
        }
        catch (JsonException e)
        {
            throw new ExchangeFormatException("the stored StopNCII checkpoint is not readable", e);
        }
    }

    private static ExchangeRecord? Map(StopNciiHashRecord record)
    {
        HashKind kind;
        switch (record.SignalType)
        {
            case "ImagePDQ":
                kind = HashKind.Pdq;
                break;
            case "VideoMD5":
                kind = HashKind.Md5;
                break;
            case null:
                throw new ExchangeFormatException("a hash record has no signalType");
            default:
                return null; // VideoTMK, URL, Text, Unknown: not matched by Takedown.
        }

        if (!SignalTypes.TryNormalize(kind, record.HashValue, out string? value, out string? error))
        {
            throw new ExchangeFormatException($"hash record {record.SignalType} '{Truncate(record.HashValue)}': {error}");
        }

        return new ExchangeRecord($"{record.SignalType}:{value}", kind, value, "StopNCII", IsWithdrawn(record));
    }

    private static bool IsWithdrawn(StopNciiHashRecord record)
    {
        if (IsGone(record.HashStatus))
        {
            return true;
        }

        return record.CaseNumbers is { Count: > 0 } cases && cases.Values.All(IsGone);
    }

    private static bool IsGone(string? status) =>
        string.Equals(status, "Withdrawn", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "Deleted", StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string? value) => value is null ? "" : value.Length <= 80 ? value : value[..80] + "…";
}
