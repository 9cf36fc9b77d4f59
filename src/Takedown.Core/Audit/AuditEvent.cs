namespace Takedown.Core.Audit;

/// <summary>One entry of the append-only audit log.</summary>
/// <param name="Sequence">Position in the log, from 1.</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Actor">Who: <c>user:NAME</c>, <c>key:PREFIX</c>, <c>requester</c>, <c>uploader</c> or <c>system</c>.</param>
/// <param name="Action">What, as a dotted verb (<c>case.created</c>, <c>case.read</c>, <c>item.removed</c>...).</param>
/// <param name="CaseNumber">The case concerned, if any.</param>
/// <param name="Detail">Further facts as compact JSON (never requester personal data).</param>
/// <param name="PreviousHash">Hash of the previous event (32 zero bytes for the first).</param>
/// <param name="Hash">SHA-256 of <paramref name="PreviousHash"/> followed by the canonical content.</param>
public sealed record AuditEvent(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? CaseNumber,
    string Detail,
    ReadOnlyMemory<byte> PreviousHash,
    ReadOnlyMemory<byte> Hash);
