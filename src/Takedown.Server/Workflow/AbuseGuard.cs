using System.Text.Json;
using Takedown.Core;
using Takedown.Core.Audit;
using Takedown.Core.Requests;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Endpoints;

namespace Takedown.Server.Workflow;

/// <summary>
/// ABU-1 and DSA Art 23: counts a requester's manifestly unfounded notices (under a keyed hash of their normalised
/// contact, never the contact), warns after <see cref="ComplianceOptions.UnfoundedWarnAfter"/>, then suspends intake
/// from that contact for <see cref="ComplianceOptions.SuspensionPeriod"/> after
/// <see cref="ComplianceOptions.UnfoundedSuspendAfter"/>. Everything is audited; an admin can lift a suspension.
/// </summary>
internal static class AbuseGuard
{
    /// <summary>Whether intake from the request's contact is suspended at <paramref name="now"/>.</summary>
    public static async Task<bool> IsSuspendedAsync(ITakedownSession session, RemovalRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? contact = RequesterContact.Normalise(request.ContactEmail, request.ContactOther);
        if (contact is null)
        {
            return false;
        }

        RequesterRecord? record = await session.GetRequesterRecordAsync(contact, cancellationToken);
        return record?.SuspendedUntil is { } until && until > now;
    }

    /// <summary>Counts a manifestly unfounded notice of the case's requester; warns or suspends at the thresholds.</summary>
    public static async Task RecordUnfoundedAsync(ITakedownSession session, CaseRecord c, ComplianceOptions options, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? contact = RequesterContact.Normalise(c.ContactEmail, c.ContactOther);
        if (contact is null)
        {
            return;
        }

        RequesterRecord? record = await session.GetRequesterRecordAsync(contact, cancellationToken);
        int count = (record?.UnfoundedCount ?? 0) + 1;
        DateTimeOffset? warnedAt = record?.WarnedAt;
        DateTimeOffset? suspendedUntil = record?.SuspendedUntil;
        int suspensions = record?.Suspensions ?? 0;
        string? step = null;
        if (warnedAt is not null && count >= Math.Max(options.UnfoundedSuspendAfter, options.UnfoundedWarnAfter + 1) && !(suspendedUntil > now))
        {
            suspendedUntil = now + options.SuspensionPeriod;
            suspensions++;
            step = "suspended";
        }
        else if (warnedAt is null && count >= options.UnfoundedWarnAfter)
        {
            warnedAt = now;
            step = "warned";
        }

        RequesterRecord saved = await session.SaveRequesterRecordAsync(contact, count, warnedAt, suspendedUntil, suspensions, now, cancellationToken);
        string requester = ShortKey(saved.Key);
        await session.AppendAuditAsync(actor, "requester.unfounded_recorded", c.CaseNumber, AuditDetail.Of(new { requester, unfoundedCount = count }), now, cancellationToken);
        if (step is null)
        {
            return;
        }

        await session.AppendAuditAsync("system", "requester." + step, c.CaseNumber, AuditDetail.Of(new { requester, unfoundedCount = count, suspendedUntil }), now, cancellationToken);
        await session.EnqueueAsync("notify.requester", AuditDetail.Of(new
        {
            caseNumber = c.CaseNumber,
            contactEmail = c.ContactEmail,
            contactOther = c.ContactOther,
            notice = step == "warned" ? "art23_warning" : "art23_suspension",
            message = step == "warned"
                ? "Several of your removal requests were found manifestly unfounded. If this continues, we will stop accepting requests from you for a limited time (DSA Art 23)."
                : $"Because of repeated manifestly unfounded removal requests, we will not accept requests from this contact until {suspendedUntil:yyyy-MM-dd HH:mm} UTC (DSA Art 23). You may complain about this decision free of charge.",
        }), $"abuse:{step}:{saved.Key}:{count}", now, cancellationToken);
    }

    /// <summary>
    /// The abuse records for the admin (API and page), most recently changed first, each with the cases whose
    /// manifestly unfounded rejections it counted (from the audit log, never from the contact). The read is audited.
    /// </summary>
    public static async Task<IReadOnlyList<RequesterRecordView>> ListAsync(ITakedownStore store, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IReadOnlyList<RequesterRecord> records = await session.ListRequesterRecordsAsync(500, cancellationToken);
        IReadOnlyList<AuditEvent> counted = await session.ReadAuditByActionAsync("requester.unfounded_recorded", 10_000, cancellationToken);
        var casesByRequester = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (AuditEvent e in counted.Reverse())
        {
            if (e.CaseNumber is { } caseNumber && RequesterOf(e.Detail) is { } requester)
            {
                List<string> list = casesByRequester.TryGetValue(requester, out List<string>? found) ? found : casesByRequester[requester] = [];
                if (!list.Contains(caseNumber, StringComparer.Ordinal))
                {
                    list.Add(caseNumber);
                }
            }
        }

        await session.AppendAuditAsync(actor, "requesters.read", null, AuditDetail.Of(new { count = records.Count }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return records
            .Select(r => new RequesterRecordView(r.Key, r.UnfoundedCount, r.WarnedAt, r.SuspendedUntil, r.Suspensions, r.UpdatedAt)
            {
                Cases = casesByRequester.TryGetValue(ShortKey(r.Key), out List<string>? linked) ? linked : [],
            })
            .ToList();
    }

    /// <summary>Lifts a suspension by record key; audited with the optional reason. Not found when not suspended.</summary>
    public static async Task LiftAsync(ITakedownStore store, string key, string? reason, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reason is { Length: > 2000 })
        {
            throw new DomainValidationException("A reason may be at most 2000 characters.");
        }

        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        if (!await session.LiftSuspensionAsync(key, now, cancellationToken))
        {
            throw new NotFoundException("No suspended requester with this key.");
        }

        await session.AppendAuditAsync(actor, "requester.suspension_lifted", null, AuditDetail.Of(new { requester = ShortKey(key), reason }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    private static string? RequesterOf(string detail)
    {
        try
        {
            using var json = JsonDocument.Parse(detail);
            return json.RootElement.TryGetProperty("requester", out JsonElement requester) && requester.ValueKind == JsonValueKind.String
                ? requester.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A short, non-reversible handle of a record key for audit details and the admin list.</summary>
    public static string ShortKey(string key) => key.Length <= 24 ? key : key[..24];
}
