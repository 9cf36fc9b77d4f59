using System.Net.Http.Json;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Support;

/// <summary>Common steps.</summary>
internal static class Requests
{
    public static object Complete(string location, string name = "Robin Requester", string email = "robin.requester@example.org") => new
    {
        signatureName = name,
        signatureAttested = true,
        locations = new[] { location },
        goodFaithStatement = "Published without my consent.",
        goodFaithAttested = true,
        contactEmail = email,
    };

    public static async Task<SubmitResult> FileAsync(HttpClient client, object body, CancellationToken cancellationToken) =>
        await (await client.PostAsJsonAsync("api/v1/requests", body, cancellationToken)).ReadAsync<SubmitResult>(cancellationToken);

    public static async Task<CaseDetailView> DecideAsync(HttpClient moderator, string caseNumber, string decision, string? reason, CancellationToken cancellationToken) =>
        await (await moderator.PostAsJsonAsync($"api/v1/cases/{caseNumber}/decision", new { decision, reason }, cancellationToken)).ReadAsync<CaseDetailView>(cancellationToken);
}
