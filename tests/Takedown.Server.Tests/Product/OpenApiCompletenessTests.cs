using System.Text.Json;
using Takedown.Server.Tests.Support;

namespace Takedown.Server.Tests.Product;

/// <summary>
/// "The OpenAPI document is complete": every operation of the running host's <c>/openapi/v1.json</c> has a summary,
/// a description, tags, a declared security requirement and problem+json error responses (401 and 403 when secured),
/// and every schema property has a description. Gaps not yet closed are listed in <see cref="OpenApiGapsBaseline"/>:
/// the test fails on any new gap (so the document cannot silently rot) and on any listed gap that was closed (so the
/// list only shrinks).
/// </summary>
public sealed class OpenApiCompletenessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>
    /// The liveness probes (Takedown's /healthz, HMA's /status and /status/live) take no input and no credentials and
    /// answer 200 whenever the process answers at all: they have no error response to declare.
    /// </summary>
    private static readonly string[] s_livenessProbes = ["Health", "HmaStatus", "HmaStatusLive"];

    private static bool IsLivenessProbe(JsonElement op) =>
        op.TryGetProperty("operationId", out JsonElement id) && s_livenessProbes.Contains(id.GetString());

    [Fact]
    public async Task OpenApiDocument_EveryOperationAndProperty_DocumentedOrListedAsKnownGap()
    {
        // Given the running host's document.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using JsonDocument document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json", Ct));

        // When every operation and schema property is checked.
        SortedSet<string> gaps = FindGaps(document.RootElement);

        // Then nothing is missing beyond the known gaps, and no known gap is already closed.
        var known = new SortedSet<string>(OpenApiGapsBaseline.Lines(), StringComparer.Ordinal);
        string[] added = [.. gaps.Where(g => !known.Contains(g))];
        string[] closed = [.. known.Where(g => !gaps.Contains(g))];
        string report = Path.Combine(AppContext.BaseDirectory, "openapi-gaps.actual.txt");
        await File.WriteAllLinesAsync(report, gaps, Ct);
        added.ShouldBeEmpty($"new OpenAPI gaps (document them; the full current list is in {report}):\n{string.Join('\n', added)}");
        closed.ShouldBeEmpty($"closed gaps still listed in OpenApiGapsBaseline (remove them):\n{string.Join('\n', closed)}");
    }

    [Fact]
    public void FindGaps_UndocumentedOperationAndProperty_AreEachNamed()
    {
        // Given a document with one bare secured operation and one schema with an undescribed property.
        using JsonDocument bare = JsonDocument.Parse("""
            {"paths":{"/x":{"post":{"security":[{"ApiKey":[]}],"responses":{"200":{},"400":{"content":{"application/json":{}}}}}}},
             "components":{"schemas":{"Thing":{"properties":{"a":{"type":"string"},"b":{"type":"string","description":"B."}}}}}}
            """);

        // When
        SortedSet<string> gaps = FindGaps(bare.RootElement);

        // Then each missing piece is named.
        gaps.ShouldBe(new SortedSet<string>(StringComparer.Ordinal)
        {
            "POST /x: summary", "POST /x: description", "POST /x: tags", "POST /x: 400 not problem+json",
            "POST /x: 401 response", "POST /x: 403 response", "schema Thing.a: description",
        });
    }

    /// <summary>Every gap of a document, one line each.</summary>
    internal static SortedSet<string> FindGaps(JsonElement root)
    {
        var gaps = new SortedSet<string>(StringComparer.Ordinal);
        bool documentSecurity = root.TryGetProperty("security", out JsonElement globalSecurity) && globalSecurity.GetArrayLength() > 0;
        foreach (JsonProperty path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject().Where(o => s_methods.Contains(o.Name)))
            {
                string name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                JsonElement op = operation.Value;
                if (!HasText(op, "summary"))
                {
                    gaps.Add($"{name}: summary");
                }

                if (!HasText(op, "description"))
                {
                    gaps.Add($"{name}: description");
                }

                if (!op.TryGetProperty("tags", out JsonElement tags) || tags.GetArrayLength() == 0)
                {
                    gaps.Add($"{name}: tags");
                }

                bool declared = op.TryGetProperty("security", out JsonElement security);
                if (!declared && !documentSecurity)
                {
                    gaps.Add($"{name}: security requirement");
                }

                bool secured = declared ? security.GetArrayLength() > 0 : documentSecurity;
                JsonElement responses = op.TryGetProperty("responses", out JsonElement r) ? r : default;
                var codes = responses.ValueKind == JsonValueKind.Object ? responses.EnumerateObject().ToList() : [];
                if (!codes.Any(c => c.Name.StartsWith('4')) && !IsLivenessProbe(op))
                {
                    gaps.Add($"{name}: error responses");
                }

                foreach (JsonProperty error in codes.Where(c => c.Name[0] is '4' or '5'))
                {
                    if (!error.Value.TryGetProperty("content", out JsonElement content) || !content.TryGetProperty("application/problem+json", out _))
                    {
                        gaps.Add($"{name}: {error.Name} not problem+json");
                    }
                }

                if (secured)
                {
                    foreach (string code in new[] { "401", "403" }.Where(c => !codes.Any(x => x.Name == c)))
                    {
                        gaps.Add($"{name}: {code} response");
                    }
                }
            }
        }

        if (root.TryGetProperty("components", out JsonElement components) && components.TryGetProperty("schemas", out JsonElement schemas))
        {
            foreach (JsonProperty schema in schemas.EnumerateObject())
            {
                if (!schema.Value.TryGetProperty("properties", out JsonElement properties))
                {
                    continue;
                }

                foreach (JsonProperty property in properties.EnumerateObject().Where(p => !HasText(p.Value, "description")))
                {
                    gaps.Add($"schema {schema.Name}.{property.Name}: description");
                }
            }
        }

        return gaps;
    }

    private static bool HasText(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value)
        && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());
}
