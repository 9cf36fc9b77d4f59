using Takedown.Data;

namespace Takedown.Server.Exchange;

/// <summary>
/// The requester's optional consent to share their case's hashes (SHR-2), given with the request form or the API body
/// (<see cref="Core.Requests.RemovalRequest.ShareConsent"/>). Stored in the case's unit of work in
/// <c>share_consents</c>, the table the feed publisher filters on; staff can record or withdraw it later
/// (<see cref="FeedPublisher.SetConsentAsync"/>).
/// </summary>
internal static class ShareConsentIntake
{
    /// <summary>Records the consent when given (an unticked box changes nothing: it never withdraws an earlier consent).</summary>
    public static async Task RecordAsync(ITakedownSession session, string caseNumber, bool consent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (consent && await session.Exchange().SetShareConsentAsync(caseNumber, true, at, cancellationToken))
        {
            await session.AppendAuditAsync("requester", "share.consented", caseNumber, "{}", at, cancellationToken);
        }
    }
}
