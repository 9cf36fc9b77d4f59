using System.Text.Json.Serialization;

namespace Takedown.Core.Exchange.Feed;

/// <summary>
/// One page of a Takedown-to-Takedown hash feed (<c>takedown-feed/1</c>): the publisher's NCII bank changes after
/// cursor <see cref="After"/> up to <see cref="Next"/>. It carries hashes, labels and withdrawals only: never media,
/// case numbers or requester data. The HTTP body is signed (ECDSA P-256, SHA-256) in the
/// <see cref="FeedSignature.HeaderName"/> header.
/// </summary>
public sealed class FeedPage
{
    /// <summary>The format identifier.</summary>
    public const string CurrentFormat = "takedown-feed/1";

    /// <summary>Always <see cref="CurrentFormat"/>.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; set; }

    /// <summary>The publisher's feed id (its deployment name).</summary>
    [JsonPropertyName("feed")]
    public string? Feed { get; set; }

    /// <summary>The cursor this page starts after (echoes the request, so a replayed page is detected).</summary>
    [JsonPropertyName("after")]
    public long After { get; set; }

    /// <summary>The cursor to ask for next.</summary>
    [JsonPropertyName("next")]
    public long Next { get; set; }

    /// <summary>Whether more changes follow right now.</summary>
    [JsonPropertyName("has_more")]
    public bool HasMore { get; set; }

    /// <summary>When the page was produced (UTC, informational).</summary>
    [JsonPropertyName("issued_at")]
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The changes, in sequence order.</summary>
    [JsonPropertyName("entries")]
    public List<FeedEntry>? Entries { get; set; }
}

/// <summary>One change in a feed.</summary>
public sealed class FeedEntry
{
    /// <summary>Position in the publisher's feed sequence (strictly increasing, within (after, next]).</summary>
    [JsonPropertyName("seq")]
    public long Sequence { get; set; }

    /// <summary>Stable id of the published hash; a later entry with the same id replaces or deletes it.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Signal type: <c>pdq</c>, <c>md5</c> or <c>sha256</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The hash (lowercase hex).</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>A label (e.g. <c>ncii</c>), never personal data.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; set; }

    /// <summary>True when the hash was withdrawn: subscribers must stop matching it.</summary>
    [JsonPropertyName("deleted")]
    public bool Deleted { get; set; }
}

[JsonSerializable(typeof(FeedPage))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class FeedJsonContext : JsonSerializerContext
{
}
