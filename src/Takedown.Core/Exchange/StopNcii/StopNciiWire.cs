using System.Text.Json.Serialization;

namespace Takedown.Core.Exchange.StopNcii;

/// <summary>The <c>FetchHashes</c> response as documented by the reference client.</summary>
internal sealed class FetchHashesResponse
{
    [JsonPropertyName("count")]
    public int Count { get; set; }

    [JsonPropertyName("nextPageToken")]
    public string? NextPageToken { get; set; }

    [JsonPropertyName("nextSetTimestamp")]
    public long? NextSetTimestamp { get; set; }

    [JsonPropertyName("hasMoreRecords")]
    public bool? HasMoreRecords { get; set; }

    [JsonPropertyName("hashRecords")]
    public List<StopNciiHashRecord>? HashRecords { get; set; }
}

/// <summary>One hash with its aggregate status, per-case statuses and CSP feedback.</summary>
internal sealed class StopNciiHashRecord
{
    [JsonPropertyName("lastModtimestamp")]
    public long LastModTimestamp { get; set; }

    [JsonPropertyName("signalType")]
    public string? SignalType { get; set; }

    [JsonPropertyName("hashValue")]
    public string? HashValue { get; set; }

    [JsonPropertyName("hashStatus")]
    public string? HashStatus { get; set; }

    [JsonPropertyName("caseNumbers")]
    public Dictionary<string, string>? CaseNumbers { get; set; }
}

/// <summary>The <c>SubmitFeedback</c> body.</summary>
internal sealed class SubmitFeedbackRequest
{
    [JsonPropertyName("count")]
    public int Count { get; set; }

    [JsonPropertyName("hashFeedbacks")]
    public List<HashFeedback> HashFeedbacks { get; set; } = [];
}

/// <summary>Feedback on one hash.</summary>
internal sealed class HashFeedback
{
    [JsonPropertyName("signalType")]
    public string SignalType { get; set; } = "";

    [JsonPropertyName("hashValue")]
    public string HashValue { get; set; } = "";

    [JsonPropertyName("feedbackValue")]
    public string FeedbackValue { get; set; } = "";

    [JsonPropertyName("tags")]
    public List<string> Tags { get; set; } = [];
}

/// <summary>The checkpoint stored between fetches.</summary>
internal sealed class StopNciiCheckpoint
{
    [JsonPropertyName("start")]
    public long Start { get; set; }

    [JsonPropertyName("token")]
    public string? Token { get; set; }
}

[JsonSerializable(typeof(FetchHashesResponse))]
[JsonSerializable(typeof(SubmitFeedbackRequest))]
[JsonSerializable(typeof(StopNciiCheckpoint))]
internal sealed partial class StopNciiJsonContext : JsonSerializerContext
{
}
