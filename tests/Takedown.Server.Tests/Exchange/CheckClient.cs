using System.Net.Http.Json;
using System.Text.Json;

namespace Takedown.Server.Tests.Exchange;

/// <summary>Calls <c>POST /api/v1/check</c> with a precomputed hash and returns the decision.</summary>
internal static class CheckClient
{
    public static async Task<string> DecisionAsync(HttpClient gate, string? pdq = null, string? md5 = null, CancellationToken cancellationToken = default)
    {
        HttpResponseMessage response = await gate.PostAsJsonAsync("api/v1/check", new { pdq, md5 }, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        using JsonDocument doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("decision").GetString()!;
    }
}
