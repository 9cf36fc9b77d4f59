using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Takedown.Server.Tests.Exchange;

/// <summary>
/// A StopNCII-style partner API on Kestrel (127.0.0.1, random port) speaking <c>FetchHashes</c> and
/// <c>SubmitFeedback</c> as the reference client documents them: records ordered by <c>lastModtimestamp</c>,
/// <c>startTimestamp</c> selects records modified at or after it, <c>nextPageToken</c> continues a set, and
/// <c>nextSetTimestamp</c> starts the next one. Each record is the hash's current snapshot (a later one replaces it).
/// </summary>
internal sealed class FakeStopNcii : IAsyncDisposable
{
    public const string SubscriptionKey = "sub-key";
    public const string FetchKey = "fetch-key";
    public const string FeedbackKey = "feedback-key";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Dictionary<string, JsonObject> _records = new(StringComparer.Ordinal);
    private long _clock = 1_000;

    private FakeStopNcii(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1/");

    /// <summary>Fail this many FetchHashes calls that carry a page token with HTTP 500 (a failure mid-fetch).</summary>
    public int FailMidSetCalls { get; set; }

    public int FetchCalls { get; private set; }

    /// <summary>Answer FetchHashes with a truncated JSON body (a malformed page).</summary>
    public bool Malformed { get; set; }

    public List<JsonObject> Feedback { get; } = [];

    public static async Task<FakeStopNcii> StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var fake = new FakeStopNcii(app);
        app.MapGet("/v1/FetchHashes", (HttpContext context) => fake.Fetch(context));
        app.MapPost("/v1/SubmitFeedback", async (HttpContext context) =>
        {
            if (context.Request.Headers["x-functions-key"] != FeedbackKey)
            {
                return Results.StatusCode(401);
            }

            JsonObject body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
            lock (fake._gate)
            {
                fake.Feedback.Add(body);
            }

            return Results.Json(new { });
        });
        await app.StartAsync(cancellationToken);
        return fake;
    }

    /// <summary>Sets a hash's snapshot: <paramref name="status"/> is Active, Received, Withdrawn or Deleted.</summary>
    public void Put(string signalType, string hash, string status, Dictionary<string, string>? cases = null)
    {
        lock (_gate)
        {
            _clock++;
            var caseNumbers = new JsonObject();
            foreach ((string id, string s) in cases ?? new Dictionary<string, string> { ["case-" + hash[..Math.Min(6, hash.Length)]] = status })
            {
                caseNumbers[id] = s;
            }

            _records[signalType + ":" + hash] = new JsonObject
            {
                ["lastModtimestamp"] = _clock,
                ["signalType"] = signalType,
                ["hashValue"] = hash,
                ["hashStatus"] = status,
                ["caseNumbers"] = caseNumbers,
                ["CSPFeedbacks"] = new JsonArray(),
            };
        }
    }

    /// <summary>The hashes a client must match now: not withdrawn or deleted, of types Takedown matches.</summary>
    public IReadOnlyList<string> LiveHashes()
    {
        lock (_gate)
        {
            return _records.Values
                .Where(r => r["hashStatus"]!.GetValue<string>() is "Active" or "Received" && r["signalType"]!.GetValue<string>() is "ImagePDQ" or "VideoMD5")
                .Where(r => r["caseNumbers"]!.AsObject().Any(c => c.Value!.GetValue<string>() is "Active" or "Received"))
                .Select(r => r["hashValue"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        }
    }

    private IResult Fetch(HttpContext context)
    {
        if (context.Request.Headers["x-functions-key"] != FetchKey || context.Request.Headers["Ocp-Apim-Subscription-Key"] != SubscriptionKey)
        {
            return Results.StatusCode(401);
        }

        long start = long.Parse(context.Request.Query["startTimestamp"]!, CultureInfo.InvariantCulture);
        int pageSize = int.Parse(context.Request.Query["pageSize"]!, CultureInfo.InvariantCulture);
        string? token = context.Request.Query["nextPageToken"];
        lock (_gate)
        {
            FetchCalls++;
            if (token is not null && FailMidSetCalls > 0)
            {
                FailMidSetCalls--;
                return Results.StatusCode(500);
            }

            if (Malformed)
            {
                return Results.Text("{\"count\": 3, \"hashRecords\": [", "application/json");
            }

            List<JsonObject> set = _records.Values.Where(r => r["lastModtimestamp"]!.GetValue<long>() >= start)
                .OrderBy(r => r["lastModtimestamp"]!.GetValue<long>()).ToList();
            int offset = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
            List<JsonObject> page = set.Skip(offset).Take(pageSize).ToList();
            bool more = offset + page.Count < set.Count;
            var response = new JsonObject
            {
                ["count"] = page.Count,
                ["nextPageToken"] = more ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : "",
                ["nextSetTimestamp"] = set.Count == 0 ? start : set.Max(r => r["lastModtimestamp"]!.GetValue<long>()) + 1,
                ["hasMoreRecords"] = more,
                ["hashRecords"] = new JsonArray([.. page.Select(r => (JsonNode)JsonNode.Parse(r.ToJsonString())!)]),
            };
            return Results.Text(response.ToJsonString(), "application/json");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static string Config(Uri baseAddress, int pageSize) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["base_url"] = baseAddress.AbsoluteUri,
        ["subscription_key"] = SubscriptionKey,
        ["fetch_function_key"] = FetchKey,
        ["feedback_function_key"] = FeedbackKey,
        ["page_size"] = pageSize,
        ["max_retries"] = 3,
        ["retry_delay_ms"] = 0, // the host's clock is fake: retry at once
    });
}
