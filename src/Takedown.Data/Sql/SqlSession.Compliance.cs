using System.Data.Common;
using System.Globalization;
using Takedown.Core.Cases;
using Takedown.Data.Protection;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    private const string RequesterColumns = "requester_key, unfounded_count, warned_at, suspended_until, suspensions, updated_at";

    public async Task InsertChecklistAsync(long decisionId, ReviewChecklist checklist, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync(
            """
            INSERT INTO decision_checklists (decision_id, depicted_or_authorised, intimate, non_consent, public_concern,
                commercial_self_publication, minor_indicators, manifestly_unfounded, override_reason)
            VALUES (@decision, @depicted, @intimate, @nonConsent, @publicConcern, @commercial, @minor, @unfounded, @override)
            """,
            cancellationToken,
            Arg.Of("decision", decisionId), Arg.Of("depicted", checklist.DepictedOrAuthorised), Arg.Of("intimate", checklist.Intimate),
            Arg.Of("nonConsent", checklist.NonConsent), Arg.Of("publicConcern", checklist.PublicConcern),
            Arg.Of("commercial", checklist.CommercialSelfPublication), Arg.Of("minor", checklist.MinorIndicators),
            Arg.Of("unfounded", checklist.ManifestlyUnfounded), Arg.Of("override", checklist.IsOverride ? checklist.OverrideReason!.Trim() : null));
    }

    public async Task<IReadOnlyList<DecisionChecklistRecord>> ListChecklistsAsync(long caseId, CancellationToken cancellationToken) =>
        await QueryAsync(
            """
            SELECT k.decision_id, k.depicted_or_authorised, k.intimate, k.non_consent, k.public_concern, k.commercial_self_publication,
                k.minor_indicators, k.manifestly_unfounded, k.override_reason
            FROM decision_checklists k JOIN decisions d ON d.id = k.decision_id
            WHERE d.case_id = @case ORDER BY k.decision_id
            """,
            r => new DecisionChecklistRecord(r.GetInt64(0), new ReviewChecklist
            {
                DepictedOrAuthorised = r.GetInt64(1) != 0,
                Intimate = r.GetInt64(2) != 0,
                NonConsent = r.GetInt64(3) != 0,
                PublicConcern = r.GetInt64(4) != 0,
                CommercialSelfPublication = r.GetInt64(5) != 0,
                MinorIndicators = r.GetInt64(6) != 0,
                ManifestlyUnfounded = r.GetInt64(7) != 0,
                OverrideReason = StringOrNull(r, 8),
            }),
            cancellationToken, Arg.Of("case", caseId));

    public async Task<bool> SetMinorAsync(long caseId, CancellationToken cancellationToken)
    {
        EnsureWrite();
        return await ExecuteAsync("UPDATE cases SET minor = 1 WHERE id = @id AND minor = 0", cancellationToken, Arg.Of("id", caseId)) == 1;
    }

    public async Task<bool> SetSeniorReviewAsync(long caseId, bool seniorReview, CancellationToken cancellationToken)
    {
        EnsureWrite();
        return await ExecuteAsync("UPDATE cases SET senior_review = @flag WHERE id = @id AND senior_review <> @flag", cancellationToken,
            Arg.Of("id", caseId), Arg.Of("flag", seniorReview)) == 1;
    }

    public async Task SetDuplicateOfAsync(long caseId, string earlierCaseNumber, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE cases SET duplicate_of = @earlier WHERE id = @id", cancellationToken, Arg.Of("id", caseId), Arg.Of("earlier", earlierCaseNumber));
    }

    public async Task SetChannelAsync(long caseId, string channel, int priority, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync("UPDATE cases SET channel = @channel, priority = @priority WHERE id = @id", cancellationToken,
            Arg.Of("id", caseId), Arg.Of("channel", channel), Arg.Of("priority", (long)priority));
    }

    public async Task<IReadOnlyList<string>> FindCasesNamingAsync(long exceptCaseId, IReadOnlyList<string> locations, IReadOnlyList<string> contentIds, CancellationToken cancellationToken)
    {
        if (locations.Count == 0 && contentIds.Count == 0)
        {
            return [];
        }

        var args = new List<Arg> { Arg.Of("except", exceptCaseId) };
        var conditions = new List<string>(2);
        if (locations.Count > 0)
        {
            conditions.Add("i.location IN (" + Parameters("l", locations, args) + ")");
        }

        if (contentIds.Count > 0)
        {
            conditions.Add("i.content_id IN (" + Parameters("c", contentIds, args) + ")");
        }

        return await QueryAsync(
            $"""
            SELECT c.case_number FROM cases c
            WHERE c.id <> @except
              AND c.status IN ('incomplete', 'open', 'information_requested', 'provisionally_removed', 'removed')
              AND EXISTS (SELECT 1 FROM items i WHERE i.case_id = c.id AND i.origin = 'reported' AND ({string.Join(" OR ", conditions)}))
            ORDER BY c.id
            """,
            r => r.GetString(0), cancellationToken, [.. args]);
    }

    public async Task<RequesterRecord?> GetRequesterRecordAsync(string normalisedContact, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> keys = RequesterKeys.Of(Keys, normalisedContact);
        var args = new List<Arg>();
        string list = Parameters("k", keys, args);
        List<RequesterRecord> found = await QueryAsync(
            $"SELECT {RequesterColumns} FROM requester_records WHERE requester_key IN ({list})", MapRequester, cancellationToken, [.. args]);

        // Under the current key first (the first in keys), else the one written under an older key.
        return found.OrderBy(f => IndexOf(keys, f.Key)).FirstOrDefault();
    }

    public async Task<RequesterRecord> SaveRequesterRecordAsync(string normalisedContact, int unfoundedCount, DateTimeOffset? warnedAt, DateTimeOffset? suspendedUntil, int suspensions, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        IReadOnlyList<string> keys = RequesterKeys.Of(Keys, normalisedContact);
        foreach (string older in keys.Skip(1))
        {
            await ExecuteAsync("DELETE FROM requester_records WHERE requester_key = @key", cancellationToken, Arg.Of("key", older));
        }

        await ExecuteAsync(
            """
            INSERT INTO requester_records (requester_key, unfounded_count, warned_at, suspended_until, suspensions, updated_at)
            VALUES (@key, @count, @warned, @until, @suspensions, @at)
            ON CONFLICT (requester_key) DO UPDATE SET unfounded_count = excluded.unfounded_count, warned_at = excluded.warned_at,
                suspended_until = excluded.suspended_until, suspensions = excluded.suspensions, updated_at = excluded.updated_at
            """,
            cancellationToken,
            Arg.Of("key", keys[0]), Arg.Of("count", (long)unfoundedCount), Arg.Of("warned", warnedAt), Arg.Of("until", suspendedUntil),
            Arg.Of("suspensions", (long)suspensions), Arg.Of("at", at));
        return new RequesterRecord(keys[0], unfoundedCount, warnedAt, suspendedUntil, suspensions, at);
    }

    public async Task<IReadOnlyList<RequesterRecord>> ListRequesterRecordsAsync(int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {RequesterColumns} FROM requester_records ORDER BY updated_at DESC, requester_key LIMIT @limit",
            MapRequester, cancellationToken, Arg.Of("limit", (long)limit));

    public async Task<bool> LiftSuspensionAsync(string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        return await ExecuteAsync(
            "UPDATE requester_records SET suspended_until = NULL, updated_at = @at WHERE requester_key = @key AND suspended_until > @at",
            cancellationToken, Arg.Of("key", key), Arg.Of("at", at)) == 1;
    }

    public async Task<IReadOnlyList<CaseRecord>> ListPurgeDueAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"""
            SELECT {CaseColumns} FROM cases
            WHERE purged_at IS NULL AND closed_at IS NOT NULL AND closed_at <= @before
              AND status IN ('removed', 'rejected', 'withdrawn', 'restored')
            ORDER BY closed_at, id
            LIMIT @limit
            """,
            MapCase, cancellationToken, Arg.Of("before", closedBefore), Arg.Of("limit", (long)limit));

    public async Task<bool> PurgePersonalDataAsync(long caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        int changed = await ExecuteAsync(
            """
            UPDATE cases SET signature_name = NULL, good_faith_statement = NULL, description = NULL, contact_email = NULL,
                contact_other = NULL, purged_at = @at
            WHERE id = @id AND purged_at IS NULL
            """,
            cancellationToken, Arg.Of("id", caseId), Arg.Of("at", at));
        if (changed == 0)
        {
            return false;
        }

        // Delivered outcome notices carried the contact (encrypted); undelivered ones are still owed to the requester.
        List<long> decisions = await QueryAsync("SELECT id FROM decisions WHERE case_id = @case", r => r.GetInt64(0), cancellationToken, Arg.Of("case", caseId));
        foreach (long decisionId in decisions)
        {
            await ExecuteAsync(
                $"UPDATE outbox SET payload = '{{}}' WHERE topic = '{RequesterTopic}' AND delivered_at IS NOT NULL AND idempotency_key = @key",
                cancellationToken, Arg.Of("key", "outcome:" + decisionId.ToString(CultureInfo.InvariantCulture)));
        }

        return true;
    }

    private DataKeyRing Keys => (_cipher ?? throw NoDataKey()).Keys;

    private static string Parameters(string prefix, IReadOnlyList<string> values, List<Arg> args)
    {
        var names = new string[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            names[i] = "@" + prefix + i.ToString(CultureInfo.InvariantCulture);
            args.Add(Arg.Of(names[i][1..], values[i]));
        }

        return string.Join(", ", names);
    }

    private static int IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (int i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static RequesterRecord MapRequester(DbDataReader r) =>
        new(r.GetString(0), (int)r.GetInt64(1), TimeOrNull(r, 2), TimeOrNull(r, 3), (int)r.GetInt64(4), Time(r, 5));
}
