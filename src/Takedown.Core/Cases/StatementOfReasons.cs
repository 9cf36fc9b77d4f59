namespace Takedown.Core.Cases;

/// <summary>
/// The statement of reasons sent to the uploader (DSA Art 17(3); NOT-2). It never names or describes the
/// requester: the facts say only that a notice from the person depicted (or their representative) was received.
/// </summary>
/// <param name="CaseNumber">The case.</param>
/// <param name="ContentId">The content acted on.</param>
/// <param name="Action">What was done (17(3)(a)): <c>removed</c>, <c>provisionally_removed</c>.</param>
/// <param name="TerritorialScope">Where it applies.</param>
/// <param name="Duration">How long: <c>indefinite</c> or until review.</param>
/// <param name="Facts">Facts and circumstances relied on (17(3)(b)), without the notifier's identity.</param>
/// <param name="AutomatedMeans">Use of automated means (17(3)(c)).</param>
/// <param name="Ground">Legal or contractual ground (17(3)(d)/(e)).</param>
/// <param name="Redress">How to appeal (17(3)(f)).</param>
public sealed record StatementOfReasons(
    string CaseNumber,
    string ContentId,
    string Action,
    string TerritorialScope,
    string Duration,
    string Facts,
    string AutomatedMeans,
    string Ground,
    string Redress)
{
    /// <summary>Builds the statement for content removed under a case.</summary>
    public static StatementOfReasons ForRemoval(string caseNumber, string contentId, bool provisional, bool automatedExactMatch, string jurisdictionName)
    {
        string facts = automatedExactMatch
            ? "The content is a byte-identical copy of content removed after a notice of non-consensual intimate imagery."
            : "A notice was received stating that the content is an intimate image published without the consent of the person depicted. A moderator reviewed the notice.";
        return new StatementOfReasons(
            caseNumber,
            contentId,
            provisional ? "provisionally_removed" : "removed",
            "worldwide",
            provisional ? "until review" : "indefinite",
            facts,
            automatedExactMatch
                ? "Detected and removed automatically by exact hash match to confirmed content; human review on appeal."
                : "Detected through a notice; decided by a human moderator.",
            $"Non-consensual intimate imagery: {jurisdictionName} and the platform's terms of service.",
            $"You may appeal free of charge within 6 months: POST /api/v1/appeals with case {caseNumber} and content id {contentId}.");
    }
}
