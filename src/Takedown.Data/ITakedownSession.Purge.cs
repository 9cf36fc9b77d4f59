using Takedown.Data.Records;

namespace Takedown.Data;

/// <summary>The rest of a PRV-1 purge: requester notifications and moderator notes of the case.</summary>
public partial interface ITakedownSession
{
    /// <summary>
    /// Removes the requester's personal data left outside the case row (PRV-1): undelivered requester notifications of
    /// the case (they carry the contact) are cancelled (deleted from the outbox, never sent), delivered ones keep an
    /// empty payload, and every moderator note text of the case is replaced by <c>[redacted by retention on DATE]</c>
    /// (author and time kept). Idempotent: already redacted notes and emptied messages are not counted again.
    /// </summary>
    public Task<PurgeTraces> PurgeRequesterTracesAsync(long caseId, string caseNumber, DateTimeOffset at, CancellationToken cancellationToken);
}
