using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;
using Takedown.Core.Platform;

namespace Takedown.Server.Connectors;

/// <summary>
/// Reaches the platform over HTTP. Every request is signed (<see cref="WebhookSigner"/>); remove and restore carry
/// an <c>Idempotency-Key</c> so retries are safe. Network errors, 408, 429 and 5xx are retried with exponential
/// backoff (base delay doubling, at most <see cref="MaxAttempts"/> attempts).
/// <list type="bullet">
/// <item><c>GET {base}/content/{id}</c>: the bytes, 404 when gone.</item>
/// <item><c>POST {base}/content/{id}/remove</c> and <c>/restore</c>: 200/204 done, 404 unknown.</item>
/// <item><c>GET {base}/content?after=CURSOR</c>: <c>{"items":[{"contentId","sha256","md5","pdq"}],"next":CURSOR|null}</c>.</item>
/// </list>
/// </summary>
public sealed class WebhookConnector : IPlatformConnector
{
    /// <summary>Attempts per call.</summary>
    public const int MaxAttempts = 4;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly byte[] _secret;
    private readonly TimeProvider _time;
    private readonly TimeSpan _baseDelay;

    /// <summary>Creates the connector.</summary>
    public WebhookConnector(HttpClient http, Uri baseAddress, byte[] secret, TimeProvider time, TimeSpan? baseDelay = null)
    {
        _http = http;
        _base = new Uri(baseAddress.ToString().TrimEnd('/') + "/");
        _secret = secret;
        _time = time;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(200);
    }

    /// <inheritdoc/>
    public string? ResolveContentId(string location)
    {
        string trimmed = location.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out Uri? uri))
        {
            // The platform's public links end in /content/{id}.
            string path = uri.AbsolutePath;
            int at = path.LastIndexOf("/content/", StringComparison.Ordinal);
            return at >= 0 && at + 9 < path.Length ? Uri.UnescapeDataString(path[(at + 9)..]) : null;
        }

        return trimmed.Length is > 0 and <= 1024 ? trimmed : null;
    }

    /// <inheritdoc/>
    public async Task<byte[]?> FetchAsync(string contentId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, ContentPath(contentId), null, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string contentId, CancellationToken cancellationToken) => ActAsync(contentId, "remove", cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RestoreAsync(string contentId, CancellationToken cancellationToken) => ActAsync(contentId, "restore", cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<PlatformContent> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            string path = cursor is null ? "content" : "content?after=" + Uri.EscapeDataString(cursor);
            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
            response.EnsureSuccessStatusCode();
            ListPage? page = await response.Content.ReadFromJsonAsync<ListPage>(cancellationToken);
            foreach (ListItem item in page?.Items ?? [])
            {
                yield return new PlatformContent(item.ContentId, item.Sha256, item.Md5, item.Pdq);
            }

            cursor = page?.Next;
        }
        while (cursor is not null);
    }

    /// <summary>Posts a signed JSON event (notifications); throws when the platform does not accept it after retries.</summary>
    public async Task PostEventAsync(string json, string idempotencyKey, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "events", Encoding.UTF8.GetBytes(json), idempotencyKey, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<bool> ActAsync(string contentId, string action, CancellationToken cancellationToken)
    {
        string key = $"{action}:{contentId}";
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, ContentPath(contentId) + "/" + action, "{}"u8.ToArray(), key, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    private static string ContentPath(string contentId) => "content/" + Uri.EscapeDataString(contentId);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[]? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(_base, path));
            byte[] payload = body ?? [];
            long timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookSigner.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(_secret, timestamp, payload));
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            HttpResponseMessage? response = null;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
                if (!IsTransient(response.StatusCode) || attempt == MaxAttempts)
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                // Network failure: retry below.
            }

            response?.Dispose();
            await Task.Delay(_baseDelay * Math.Pow(2, attempt - 1), _time, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private sealed record ListPage([property: JsonPropertyName("items")] IReadOnlyList<ListItem>? Items, [property: JsonPropertyName("next")] string? Next);

    private sealed record ListItem(
        [property: JsonPropertyName("contentId")] string ContentId,
        [property: JsonPropertyName("sha256")] string? Sha256,
        [property: JsonPropertyName("md5")] string? Md5,
        [property: JsonPropertyName("pdq")] string? Pdq);
}
