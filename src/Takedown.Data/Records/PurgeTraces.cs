namespace Takedown.Data.Records;

/// <summary>What a purge removed beyond the case row (PRV-1), for the audit log (identifiers only, no content).</summary>
/// <param name="CancelledNotifications">Idempotency keys of undelivered requester notifications cancelled.</param>
/// <param name="EmptiedNotifications">Delivered requester notifications whose payload was emptied.</param>
/// <param name="RedactedNoteIds">Moderator notes whose text was replaced by the redaction marker.</param>
public sealed record PurgeTraces(IReadOnlyList<string> CancelledNotifications, int EmptiedNotifications, IReadOnlyList<long> RedactedNoteIds)
{
    /// <summary>The text a redacted note keeps: <c>[redacted by retention on yyyy-MM-dd]</c> (UTC).</summary>
    public static string NoteMarker(DateTimeOffset at) =>
        "[redacted by retention on " + at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "]";
}
