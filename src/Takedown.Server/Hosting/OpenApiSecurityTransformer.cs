using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Takedown.Server.Auth;

namespace Takedown.Server.Hosting;

/// <summary>
/// Declares how the API authenticates in <c>/openapi/v1.json</c>: two security schemes (the API key, sent as
/// <c>X-Api-Key</c> or <c>Authorization: Bearer</c>, and the staff session cookie), each operation's security requirement
/// derived from its endpoint's authorization metadata (none for anonymous endpoints; API key only where the policy
/// needs a key scope), and problem+json 401/403 responses on every secured operation.
/// </summary>
internal sealed class OpenApiSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>Security scheme name of the API key.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Security scheme name of the staff session cookie.</summary>
    public const string CookieScheme = "StaffCookie";

    private const string ProblemJson = "application/problem+json";

    /// <summary>Adds the transformers to the document's options.</summary>
    public static void Register(OpenApiOptions options)
    {
        var transformer = new OpenApiSecurityTransformer();
        options.AddDocumentTransformer(transformer);
        options.AddOperationTransformer(transformer);
        options.AddSchemaTransformer(OpenApiSchemaDescriptions.TransformAsync);
        options.AddDocumentTransformer(new OpenApiReferenceDescriptions());
    }

    /// <inheritdoc/>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        AddSchemes(document);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        IList<object> metadata = context.Description.ActionDescriptor.EndpointMetadata;
        IAuthorizeData[] authorize = [.. metadata.OfType<IAuthorizeData>()];
        AuthorizationPolicy[] policies = [.. metadata.OfType<AuthorizationPolicy>()];
        if (metadata.OfType<IAllowAnonymous>().Any() || (authorize.Length == 0 && policies.Length == 0))
        {
            operation.Security = [];
            return;
        }

        OpenApiDocument document = context.Document ?? throw new InvalidOperationException("the operation has no document");
        AddSchemes(document);
        IAuthorizationPolicyProvider provider = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        AuthorizationPolicy? policy = await AuthorizationPolicy.CombineAsync(provider, authorize, policies);
        bool keyOnly = policy is not null && policy.Requirements.OfType<ClaimsAuthorizationRequirement>().Any(r => r.ClaimType == Roles.ScopeClaim);
        operation.Security = keyOnly
            ? [Requirement(ApiKeyScheme, document)]
            : [Requirement(ApiKeyScheme, document), Requirement(CookieScheme, document)];

        operation.Responses ??= [];
        AddProblem(operation, document, StatusCodes.Status401Unauthorized, "Unauthorized: no valid API key or staff session.");
        AddProblem(operation, document, StatusCodes.Status403Forbidden, keyOnly
            ? "Forbidden: the API key lacks the scope this operation needs."
            : "Forbidden: the key or staff account lacks the role this operation needs.");
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        string code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(code))
        {
            return;
        }

        operation.Responses[code] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        };
    }

    private static void AddSchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        if (document.Components.SecuritySchemes.ContainsKey(ApiKeyScheme))
        {
            return;
        }

        document.AddComponent<IOpenApiSecurityScheme>(ApiKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "An API key (tdk_...) created by an admin, with scopes; also accepted as Authorization: Bearer tdk_...",
        });
        document.AddComponent<IOpenApiSecurityScheme>(CookieScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "takedown.session",
            Description = "A staff session cookie from POST /api/v1/auth/login; state-changing calls also need the antiforgery token.",
        });
    }
}
