using System.Globalization;

namespace Takedown.Core.Exchange.Feed;

/// <summary>How to subscribe to another Takedown deployment's feed.</summary>
/// <param name="Url">The feed URL (e.g. <c>https://other.example/api/v1/exchange/feed</c>).</param>
/// <param name="FeedId">The publisher's feed id the pages must carry.</param>
/// <param name="PublicKey">The publisher's ECDSA P-256 public key (PEM or base64 SubjectPublicKeyInfo).</param>
/// <param name="PageSize">Entries per page asked for.</param>
/// <param name="ApiKey">The API key the publisher issued to this subscriber (sent as <c>X-Api-Key</c>), or null.</param>
public sealed record TakedownFeedOptions(Uri Url, string FeedId, string PublicKey, int PageSize = 1000, string? ApiKey = null);

/// <summary>
/// Subscribes to a Takedown-to-Takedown feed: <c>GET url?after=N&amp;limit=M</c>, verifies the signature over the
/// exact body, then the cursor echo and sequences (<see cref="FeedSerializer.Read"/>). The checkpoint is the cursor.
/// </summary>
public sealed class TakedownFeedExchange(HttpClient http, TakedownFeedOptions options) : IHashExchange
{
    /// <summary>The exchange type name.</summary>
    public const string TypeName = "takedown";

    /// <summary>Largest page body accepted, bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public bool SupportsFeedback => false;

    /// <inheritdoc/>
    public async Task<ExchangePage> FetchPageAsync(string? checkpoint, CancellationToken cancellationToken)
    {
        long after = 0;
        if (!string.IsNullOrEmpty(checkpoint) && !long.TryParse(checkpoint, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new ExchangeFormatException($"the stored feed checkpoint '{checkpoint}' is not a cursor");
        }

        string separator = string.IsNullOrEmpty(options.Url.Query) ? "?" : "&";
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"{options.Url.AbsoluteUri}{separator}after={after}&limit={options.PageSize}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (options.ApiKey is not null)
        {
            request.Headers.Add("X-Api-Key", options.ApiKey);
        }

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            throw new ExchangeFormatException($"the feed page is larger than {MaxBodyBytes} bytes");
        }

        byte[] body = await ReadBoundedAsync(response.Content, cancellationToken);
        string? signature = response.Headers.TryGetValues(FeedSignature.HeaderName, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
        FeedSignature.Verify(body, signature, options.PublicKey);
        IReadOnlyList<ExchangeRecord> records = FeedSerializer.Read(body, options.FeedId, after, out FeedPage page);
        return new ExchangePage(records, page.Next.ToString(CultureInfo.InvariantCulture), page.HasMore);
    }

    /// <inheritdoc/>
    public Task SubmitFeedbackAsync(IReadOnlyList<ExchangeFeedback> feedback, CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new ExchangeFormatException($"the feed page is larger than {MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
