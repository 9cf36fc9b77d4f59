using System.Globalization;
using System.Text;

namespace Takedown.Core.Transparency;

/// <summary>
/// Maps a removal decision to a DSA Transparency Database statement of reasons (RPT-1), using the NCII mapping:
/// adults under <c>STATEMENT_CATEGORY_CYBER_VIOLENCE</c> with <c>KEYWORD_NON_CONSENSUAL_IMAGE_SHARING</c> (or
/// <c>KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE</c> plus <c>CONTENT_TYPE_SYNTHETIC_MEDIA</c> for AI-generated imagery),
/// minors under <c>STATEMENT_CATEGORY_PROTECTION_OF_MINORS</c>. Free text comes from fixed templates, so nothing the
/// requester or uploader wrote, and no identity, can reach the statement.
/// </summary>
public static class DsaStatementMapper
{
    /// <summary>Builds the statement for one removal decision.</summary>
    public static DsaStatement Map(RemovalDecisionFacts facts, DsaMappingOptions options)
    {
        bool minor = facts.Minor;
        string category = minor ? "STATEMENT_CATEGORY_PROTECTION_OF_MINORS" : "STATEMENT_CATEGORY_CYBER_VIOLENCE";
        string keyword = (minor, facts.AiGenerated) switch
        {
            (true, true) => "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE",
            (true, false) => "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
            (false, true) => "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
            (false, false) => "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING",
        };
        var contentTypes = new List<string> { facts.Video ? "CONTENT_TYPE_VIDEO" : "CONTENT_TYPE_IMAGE" };
        if (facts.AiGenerated)
        {
            contentTypes.Add("CONTENT_TYPE_SYNTHETIC_MEDIA");
        }

        string explanation = Explanation(facts);
        return new DsaStatement
        {
            Puid = Puid(options.PuidPrefix, facts.DecisionId),
            DecisionVisibility = [facts.Provisional ? "DECISION_VISIBILITY_CONTENT_DISABLED" : "DECISION_VISIBILITY_CONTENT_REMOVED"],
            DecisionGround = options.IllegalGround ? "DECISION_GROUND_ILLEGAL_CONTENT" : "DECISION_GROUND_INCOMPATIBLE_CONTENT",
            IllegalContentLegalGround = options.IllegalGround ? Limit(options.LegalGround, 500) : null,
            IllegalContentExplanation = options.IllegalGround ? Limit(explanation, 2000) : null,
            IncompatibleContentGround = options.IllegalGround ? null : Limit(options.ContractualGround, 500),
            IncompatibleContentExplanation = options.IllegalGround ? null : Limit(explanation, 2000),
            IncompatibleContentIllegal = options.IllegalGround ? null : "Yes",
            ContentType = contentTypes,
            Category = category,
            CategorySpecification = [keyword],
            TerritorialScope = options.TerritorialScope,
            ContentDate = Date(facts.ContentPostedAt ?? facts.ReceivedAt),
            ApplicationDate = Date(facts.AppliedAt),
            DecisionFacts = Limit(Facts(facts), 5000),
            SourceType = facts.Source switch
            {
                DecisionSource.Notice => "SOURCE_ARTICLE_16",
                DecisionSource.TrustedFlagger => "SOURCE_TRUSTED_FLAGGER",
                DecisionSource.Voluntary => "SOURCE_VOLUNTARY",
                _ => throw new ArgumentOutOfRangeException(nameof(facts)),
            },
            AutomatedDetection = facts.AutomatedDetection ? "Yes" : "No",
            AutomatedDecision = facts.Automation switch
            {
                DecisionAutomation.Manual => "AUTOMATED_DECISION_NOT_AUTOMATED",
                DecisionAutomation.Partial => "AUTOMATED_DECISION_PARTIALLY",
                DecisionAutomation.Full => "AUTOMATED_DECISION_FULLY",
                _ => throw new ArgumentOutOfRangeException(nameof(facts)),
            },
        };
    }

    /// <summary>A PUID from a prefix and a decision id: characters outside <c>[A-Za-z0-9-_]</c> become <c>-</c>.</summary>
    public static string Puid(string prefix, string decisionId)
    {
        var builder = new StringBuilder(prefix.Length + decisionId.Length + 1);
        foreach (char c in prefix + "-" + decisionId)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return Limit(builder.ToString(), 500);
    }

    private static string Explanation(RemovalDecisionFacts facts) => facts.Minor
        ? "The content appeared to depict a minor in sexual content. It was removed and handled under the platform's child-safety procedure."
        : facts.AiGenerated
            ? "The content is a sexual image of an identifiable person, reported as digitally generated or altered (a deepfake), published without that person's consent."
            : "The content is an intimate image of an identifiable person published without that person's consent.";

    private static string Facts(RemovalDecisionFacts facts)
    {
        string how = facts.Source switch
        {
            DecisionSource.Notice => "A notice was received stating that the content is an intimate image published without the consent of the person depicted.",
            DecisionSource.TrustedFlagger => "A trusted flagger notified the platform that the content is an intimate image published without the consent of the person depicted.",
            _ => facts.MatchKind == "exact"
                ? "The platform found the content to be a byte-identical copy of content already removed as non-consensual intimate imagery."
                : "The platform's hash matching found the content to be a copy of known non-consensual intimate imagery.",
        };
        string who = facts.Automation switch
        {
            DecisionAutomation.Manual => " A moderator reviewed it and decided.",
            DecisionAutomation.Partial => " The removal was automatic, with human review available on appeal.",
            _ => " The removal was automatic.",
        };
        string when = facts.Provisional ? " Access is disabled pending review." : " The content was removed.";
        return how + who + when;
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];
}
