using System.Text.Json;
using Takedown.Server.Tests.Support;

namespace Takedown.Server.Tests.Product;

/// <summary>
/// The document's security declarations follow the endpoints' authorization metadata: key-scope policies accept only
/// the API key, role policies the key or the staff cookie, anonymous endpoints declare none, and every secured
/// operation documents 401 and 403 as problem+json.
/// </summary>
public sealed class OpenApiSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiDocument_SecurityPerOperation_FollowsAuthorizationMetadata()
    {
        // Given the running host's document.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using JsonDocument document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json", Ct));
        JsonElement root = document.RootElement;

        // When the schemes and a few operations' requirements are read.
        JsonElement schemes = root.GetProperty("components").GetProperty("securitySchemes");
        string[] check = Schemes(root, "/api/v1/check", "post");
        string[] queue = Schemes(root, "/api/v1/cases/queue", "get");
        string[] submit = Schemes(root, "/api/v1/requests", "post");
        string[] hmaStatus = Schemes(root, "/status", "get");

        // Then the schemes describe the real header and cookie, and each requirement matches the policy.
        schemes.GetProperty("ApiKey").GetProperty("in").GetString().ShouldBe("header");
        schemes.GetProperty("ApiKey").GetProperty("name").GetString().ShouldBe("X-Api-Key");
        schemes.GetProperty("StaffCookie").GetProperty("in").GetString().ShouldBe("cookie");
        schemes.GetProperty("StaffCookie").GetProperty("name").GetString().ShouldBe("takedown.session");
        check.ShouldBe(["ApiKey"]);
        queue.ShouldBe(["ApiKey", "StaffCookie"]);
        submit.ShouldBeEmpty();
        hmaStatus.ShouldBeEmpty();
        JsonElement responses = Operation(root, "/api/v1/cases/queue", "get").GetProperty("responses");
        foreach (string code in new[] { "401", "403" })
        {
            responses.GetProperty(code).GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue(code);
        }

        Operation(root, "/api/v1/requests", "post").GetProperty("responses").TryGetProperty("403", out _).ShouldBeFalse();
    }

    private static JsonElement Operation(JsonElement root, string path, string method)
    {
        JsonElement paths = root.GetProperty("paths");
        JsonElement item = paths.TryGetProperty(path, out JsonElement exact) ? exact : paths.GetProperty(path + "/");
        return item.GetProperty(method);
    }

    /// <summary>The scheme names of an operation's alternatives, one per requirement, in order.</summary>
    private static string[] Schemes(JsonElement root, string path, string method)
    {
        JsonElement operation = Operation(root, path, method);
        operation.TryGetProperty("security", out JsonElement security).ShouldBeTrue($"{method} {path} declares no security");
        return [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))];
    }
}
