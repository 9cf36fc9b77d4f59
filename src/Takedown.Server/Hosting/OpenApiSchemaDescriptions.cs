using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Takedown.Server.Hosting;

/// <summary>
/// Property descriptions for schemas whose types cannot carry <c>[Description]</c>: the framework's
/// <see cref="ProblemDetails"/> (RFC 9457 members) and anonymous answers (e.g. the sharing-consent answer).
/// </summary>
internal static class OpenApiSchemaDescriptions
{
    private static readonly Dictionary<string, string> s_problem = new(StringComparer.Ordinal)
    {
        ["type"] = "A URI reference identifying the problem type.",
        ["title"] = "A short, human-readable summary of the problem type.",
        ["status"] = "The HTTP status code.",
        ["detail"] = "A human-readable explanation of this occurrence of the problem.",
        ["instance"] = "A URI reference identifying this occurrence of the problem.",
    };

    private static readonly Dictionary<string, string> s_anonymous = new(StringComparer.Ordinal)
    {
        ["caseNumber"] = "The case the consent applies to.",
        ["consent"] = "Whether the requester now consents to sharing the case's hashes.",
        ["changed"] = "Whether this call changed the recorded consent.",
        ["recorded"] = "How many outcomes were recorded.",
    };

    /// <summary>Fills in missing property descriptions of the schemas above; leaves every other schema alone.</summary>
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        Type type = context.JsonTypeInfo.Type;
        Dictionary<string, string>? descriptions = typeof(ProblemDetails).IsAssignableFrom(type) ? s_problem
            : type.Name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal) ? s_anonymous
            : null;
        if (descriptions is null || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        foreach ((string name, IOpenApiSchema property) in schema.Properties)
        {
            if (property is OpenApiSchema concrete && string.IsNullOrEmpty(concrete.Description) && descriptions.TryGetValue(name, out string? text))
            {
                concrete.Description = text;
            }
        }

        return Task.CompletedTask;
    }
}
