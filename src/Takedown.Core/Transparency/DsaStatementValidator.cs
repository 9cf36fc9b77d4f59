using System.Globalization;
using System.Text.RegularExpressions;

namespace Takedown.Core.Transparency;

/// <summary>
/// Checks a statement against the Transparency Database's store rules (<c>StatementStoreRequest::rules()</c>) that
/// matter for what <see cref="DsaStatementMapper"/> produces, so a batch is not rejected at submission.
/// </summary>
public static partial class DsaStatementValidator
{
    private static readonly string[] s_categories =
    [
        "STATEMENT_CATEGORY_ANIMAL_WELFARE", "STATEMENT_CATEGORY_CONSUMER_INFORMATION", "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN", "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
        "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
        "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_SELF_HARM", "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
        "STATEMENT_CATEGORY_VIOLENCE",
    ];

    private static readonly string[] s_contentTypes =
    [
        "CONTENT_TYPE_APP", "CONTENT_TYPE_AUDIO", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_PRODUCT", "CONTENT_TYPE_SYNTHETIC_MEDIA",
        "CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO", "CONTENT_TYPE_OTHER",
    ];

    private static readonly string[] s_visibility =
    [
        "DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_VISIBILITY_CONTENT_DISABLED", "DECISION_VISIBILITY_CONTENT_DEMOTED",
        "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED", "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
        "DECISION_VISIBILITY_CONTENT_LABELLED", "DECISION_VISIBILITY_OTHER",
    ];

    private static readonly string[] s_sources = ["SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_TYPE_OTHER_NOTIFICATION", "SOURCE_VOLUNTARY"];

    private static readonly string[] s_automated = ["AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED"];

    /// <summary>The rule violations of <paramref name="statement"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(DsaStatement statement)
    {
        var errors = new List<string>();
        if (statement.Puid.Length is 0 or > 500 || !PuidPattern().IsMatch(statement.Puid))
        {
            errors.Add("puid must be 1..500 characters of [a-zA-Z0-9-_]");
        }

        if (statement.DecisionVisibility is not { Count: > 0 } && statement.DecisionAccount is null)
        {
            errors.Add("one decision_* field is required");
        }

        foreach (string v in statement.DecisionVisibility ?? [])
        {
            Check(errors, v, s_visibility, "decision_visibility");
        }

        switch (statement.DecisionGround)
        {
            case "DECISION_GROUND_ILLEGAL_CONTENT":
                Required(errors, statement.IllegalContentLegalGround, 500, "illegal_content_legal_ground");
                Required(errors, statement.IllegalContentExplanation, 2000, "illegal_content_explanation");
                break;
            case "DECISION_GROUND_INCOMPATIBLE_CONTENT":
                Required(errors, statement.IncompatibleContentGround, 500, "incompatible_content_ground");
                Required(errors, statement.IncompatibleContentExplanation, 2000, "incompatible_content_explanation");
                break;
            default:
                errors.Add("decision_ground is not a known value");
                break;
        }

        if (statement.ContentType.Count == 0)
        {
            errors.Add("content_type is required");
        }

        foreach (string t in statement.ContentType)
        {
            Check(errors, t, s_contentTypes, "content_type");
        }

        Check(errors, statement.Category, s_categories, "category");
        Check(errors, statement.SourceType, s_sources, "source_type");
        Check(errors, statement.AutomatedDecision, s_automated, "automated_decision");
        Check(errors, statement.AutomatedDetection, ["Yes", "No"], "automated_detection");
        Required(errors, statement.DecisionFacts, 5000, "decision_facts");
        CheckDate(errors, statement.ContentDate, new DateOnly(2000, 1, 1), "content_date");
        CheckDate(errors, statement.ApplicationDate, new DateOnly(2020, 1, 1), "application_date");
        return errors;
    }

    private static void Check(List<string> errors, string value, string[] allowed, string field)
    {
        if (Array.IndexOf(allowed, value) < 0)
        {
            errors.Add($"{field} '{value}' is not an allowed value");
        }
    }

    private static void Required(List<string> errors, string? value, int max, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors.Add($"{field} is required, at most {max} characters");
        }
    }

    private static void CheckDate(List<string> errors, string value, DateOnly min, string field)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            || date < min || date > new DateOnly(2038, 1, 1))
        {
            errors.Add($"{field} must be YYYY-MM-DD between {min:yyyy-MM-dd} and 2038-01-01");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex PuidPattern();
}
