using System.Globalization;

namespace Takedown.Server.Web;

/// <summary>Plain-language wording and formats shared by the pages.</summary>
internal static class PlainWords
{
    /// <summary>A short label for a case status.</summary>
    public static string StatusLabel(string status) => status switch
    {
        "incomplete" => "Incomplete: information missing",
        "open" => "Received, waiting for review",
        "information_requested" => "We asked you for more information",
        "provisionally_removed" => "Removed while we finish our review",
        "removed" => "Removed",
        "rejected" => "Not removed",
        "withdrawn" => "Withdrawn by you",
        "restored" => "Put back after an appeal",
        _ => status,
    };

    /// <summary>What the status means for the requester.</summary>
    public static string StatusExplanation(string status) => status switch
    {
        "incomplete" => "Your request is saved and the clock has started, but something the law requires is missing. Add it below so we can act.",
        "open" => "A person will review your request. We must remove the content within the deadline below.",
        "information_requested" => "We need more information before we can decide. See the message below and add what is missing.",
        "provisionally_removed" => "We have taken the content down while we finish reviewing your request.",
        "removed" => "We removed the content and will block the same image if someone uploads it again.",
        "rejected" => "We decided not to remove the content. The reason is below. You can complain about this decision.",
        "withdrawn" => "You withdrew this request. Nothing more will happen with it.",
        "restored" => "The content was put back after the person who posted it appealed and the appeal was granted.",
        _ => string.Empty,
    };

    /// <summary>A short label for an item status.</summary>
    public static string ItemLabel(string status) => status switch
    {
        "pending" => "Waiting for review",
        "needs_review" => "Possible copy, waiting for review",
        "provisionally_removed" => "Removed (provisionally)",
        "removed" => "Removed",
        "kept" => "Not removed",
        "restored" => "Put back",
        "not_found" => "We could not find it",
        _ => status,
    };

    /// <summary>A decision kind in words.</summary>
    public static string DecisionLabel(string kind) => kind switch
    {
        "remove" => "Remove",
        "provisionally_remove" => "Remove provisionally",
        "reject" => "Reject",
        "request_information" => "Ask for information",
        "withdrawn" => "Withdrawn by requester",
        "confirm_copy" => "Copy confirmed",
        "dismiss_copy" => "Copy dismissed",
        "appeal_granted" => "Appeal granted",
        "appeal_denied" => "Appeal denied",
        _ => kind,
    };

    /// <summary>A UTC time for people: <c>2026-05-20 14:03 UTC</c>.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A machine-readable time for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Time left as words: <c>47 h 12 min left</c> or <c>overdue by 2 h 5 min</c>.</summary>
    public static string TimeLeft(long seconds)
    {
        long abs = Math.Abs(seconds);
        string span = abs >= 86400 * 2
            ? string.Create(CultureInfo.InvariantCulture, $"{abs / 3600} h")
            : abs >= 3600
                ? string.Create(CultureInfo.InvariantCulture, $"{abs / 3600} h {abs % 3600 / 60} min")
                : string.Create(CultureInfo.InvariantCulture, $"{abs / 60} min");
        return seconds >= 0 ? span + " left" : "overdue by " + span;
    }

    /// <summary>Urgency class from the fraction of the deadline used: ok, soon, urgent or overdue.</summary>
    public static string Urgency(DateTimeOffset receivedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        double used = Takedown.Core.Jurisdictions.DeadlineClock.FractionElapsed(receivedAt, dueAt, now);
        return used >= 1 ? "overdue" : used >= 0.8 ? "urgent" : used >= 0.5 ? "soon" : "ok";
    }

    /// <summary>The requester's status link (relative).</summary>
    public static string StatusLink(string caseNumber, string token, bool filed = false) =>
        $"/request-status?case={Uri.EscapeDataString(caseNumber)}&token={Uri.EscapeDataString(token)}" + (filed ? "&filed=1" : string.Empty);
}
