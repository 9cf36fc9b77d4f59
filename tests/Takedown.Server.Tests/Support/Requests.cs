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

    /// <summary>The reviewer checklist of a removal with the three grounds confirmed (VAL-2).</summary>
    public static readonly object Confirmed = new { depictedOrAuthorised = true, intimate = true, nonConsent = true };

    /// <summary>Decides; removals carry the <see cref="Confirmed"/> checklist.</summary>
    public static async Task<CaseDetailView> DecideAsync(HttpClient moderator, string caseNumber, string decision, string? reason, CancellationToken cancellationToken) =>
        await (await moderator.PostAsJsonAsync($"api/v1/cases/{caseNumber}/decision",
            new { decision, reason, checklist = decision is "remove" or "provisionally_remove" ? Confirmed : null }, cancellationToken)).ReadAsync<CaseDetailView>(cancellationToken);
}
