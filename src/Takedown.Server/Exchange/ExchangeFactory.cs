using System.Text.Json;
using System.Text.Json.Nodes;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Feed;
using Takedown.Core.Exchange.StopNcii;

namespace Takedown.Server.Exchange;

/// <summary>
/// Builds exchange clients from their stored type and JSON configuration.
/// <c>stop_ncii</c>: <c>{"base_url","subscription_key","fetch_function_key","feedback_function_key"?,"page_size"?,"max_retries"?,"retry_delay_ms"?}</c>.
/// <c>takedown</c>: <c>{"url","feed_id","public_key","api_key"?,"page_size"?}</c>.
/// </summary>
public static class ExchangeFactory
{
    /// <summary>The exchange types this build supports.</summary>
    public static IReadOnlyList<string> Types { get; } = [StopNciiExchange.TypeName, TakedownFeedExchange.TypeName];

    /// <summary>Configuration keys holding secrets (redacted when shown).</summary>
    public static IReadOnlyList<string> SecretKeys { get; } = ["subscription_key", "fetch_function_key", "feedback_function_key", "api_key"];

    /// <summary>Creates the client; throws <see cref="DomainValidationException"/> when the configuration is unusable.</summary>
    public static IHashExchange Create(string type, string configJson, HttpClient http, TimeProvider time)
    {
        JsonObject config;
        try
        {
            config = JsonNode.Parse(configJson) as JsonObject ?? throw new DomainValidationException("The exchange configuration must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new DomainValidationException($"The exchange configuration is not valid JSON: {e.Message}", e);
        }

        return type switch
        {
            StopNciiExchange.TypeName => new StopNciiExchange(http, new StopNciiOptions
            {
                BaseAddress = Url(config, "base_url"),
                SubscriptionKey = Required(config, "subscription_key"),
                FetchFunctionKey = Required(config, "fetch_function_key"),
                FeedbackFunctionKey = Optional(config, "feedback_function_key"),
                PageSize = PageSize(config, 800),
                MaxRetries = config["max_retries"] is JsonValue r && r.TryGetValue(out int retries) ? Math.Clamp(retries, 0, 10) : 3,
                RetryDelay = TimeSpan.FromMilliseconds(config["retry_delay_ms"] is JsonValue d && d.TryGetValue(out int ms) ? Math.Clamp(ms, 0, 60_000) : 200),
            }, time),
            TakedownFeedExchange.TypeName => new TakedownFeedExchange(http, new TakedownFeedOptions(
                Url(config, "url"), Required(config, "feed_id"), ValidKey(Required(config, "public_key")), PageSize(config, 1000), Optional(config, "api_key"))),
            _ => throw new DomainValidationException($"Unknown exchange type '{type}'; known: {string.Join(", ", Types)}."),
        };
    }

    /// <summary>The configuration with secrets replaced by <c>"***"</c>.</summary>
    public static JsonObject Redacted(string configJson)
    {
        var config = JsonNode.Parse(configJson) as JsonObject ?? [];
        foreach (string key in SecretKeys)
        {
            if (config.ContainsKey(key))
            {
                config[key] = "***";
            }
        }

        return config;
    }

    private static string ValidKey(string key)
    {
        try
        {
            FeedSignature.ValidatePublicKey(key);
            return key;
        }
        catch (ExchangeFormatException e)
        {
            throw new DomainValidationException("public_key is not an ECDSA P-256 public key (PEM or base64 SubjectPublicKeyInfo).", e);
        }
    }

    private static string Required(JsonObject config, string key) =>
        Optional(config, key) ?? throw new DomainValidationException($"The exchange configuration needs '{key}'.");

    private static string? Optional(JsonObject config, string key) =>
        config[key] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static Uri Url(JsonObject config, string key) =>
        Uri.TryCreate(Required(config, key), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new DomainValidationException($"'{key}' must be an absolute http(s) URL.");

    private static int PageSize(JsonObject config, int fallback) =>
        config["page_size"] is JsonValue value && value.TryGetValue(out int size) ? Math.Clamp(size, 1, 100_000) : fallback;
}
