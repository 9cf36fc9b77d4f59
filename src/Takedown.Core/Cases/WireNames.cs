namespace Takedown.Core.Cases;

/// <summary>Wire names for the domain enums (snake_case strings, stable in the database and the API).</summary>
public static class WireNames
{
    /// <summary>The stable wire name of a case status.</summary>
    public static string ToWire(this CaseStatus status) => status switch
    {
        CaseStatus.Incomplete => "incomplete",
        CaseStatus.Open => "open",
        CaseStatus.InformationRequested => "information_requested",
        CaseStatus.ProvisionallyRemoved => "provisionally_removed",
        CaseStatus.Removed => "removed",
        CaseStatus.Rejected => "rejected",
        CaseStatus.Withdrawn => "withdrawn",
        CaseStatus.Restored => "restored",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Parses a wire name produced by <see cref="ToWire(CaseStatus)"/>.</summary>
    public static CaseStatus ParseCaseStatus(string value) =>
        Parse(value, Enum.GetValues<CaseStatus>(), ToWire, "case status");

    /// <summary>The stable wire name of an item status.</summary>
    public static string ToWire(this ItemStatus status) => status switch
    {
        ItemStatus.Pending => "pending",
        ItemStatus.NeedsReview => "needs_review",
        ItemStatus.ProvisionallyRemoved => "provisionally_removed",
        ItemStatus.Removed => "removed",
        ItemStatus.Kept => "kept",
        ItemStatus.Restored => "restored",
        ItemStatus.NotFound => "not_found",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Parses a wire name produced by <see cref="ToWire(ItemStatus)"/>.</summary>
    public static ItemStatus ParseItemStatus(string value) =>
        Parse(value, Enum.GetValues<ItemStatus>(), ToWire, "item status");

    /// <summary>The stable wire name of an item origin.</summary>
    public static string ToWire(this ItemOrigin origin) => origin switch
    {
        ItemOrigin.Reported => "reported",
        ItemOrigin.ExactCopy => "exact_copy",
        ItemOrigin.NearCopy => "near_copy",
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    /// <summary>Parses a wire name produced by <see cref="ToWire(ItemOrigin)"/>.</summary>
    public static ItemOrigin ParseItemOrigin(string value) =>
        Parse(value, Enum.GetValues<ItemOrigin>(), ToWire, "item origin");

    /// <summary>The stable wire name of a decision kind.</summary>
    public static string ToWire(this DecisionKind kind) => kind switch
    {
        DecisionKind.Remove => "remove",
        DecisionKind.ProvisionallyRemove => "provisionally_remove",
        DecisionKind.Reject => "reject",
        DecisionKind.RequestInformation => "request_information",
        DecisionKind.ContentNotVisible => "content_not_visible",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses a wire name produced by <see cref="ToWire(DecisionKind)"/>.</summary>
    public static bool TryParseDecisionKind(string? value, out DecisionKind kind)
    {
        foreach (DecisionKind candidate in Enum.GetValues<DecisionKind>())
        {
            if (candidate.ToWire() == value)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The stable wire name of an appeal status.</summary>
    public static string ToWire(this AppealStatus status) => status switch
    {
        AppealStatus.Pending => "pending",
        AppealStatus.Granted => "granted",
        AppealStatus.Denied => "denied",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Parses a wire name produced by <see cref="ToWire(AppealStatus)"/>.</summary>
    public static AppealStatus ParseAppealStatus(string value) =>
        Parse(value, Enum.GetValues<AppealStatus>(), ToWire, "appeal status");

    private static T Parse<T>(string value, T[] values, Func<T, string> toWire, string what)
    {
        foreach (T candidate in values)
        {
            if (toWire(candidate) == value)
            {
                return candidate;
            }
        }

        throw new FormatException($"Unknown {what} '{value}'.");
    }
}
