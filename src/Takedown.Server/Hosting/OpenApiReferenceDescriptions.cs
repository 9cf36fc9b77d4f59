using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Takedown.Server.Hosting;

/// <summary>
/// Puts the <c>[Description]</c> of a property whose type is a component schema on the property itself. For a nullable
/// such property the generator writes <c>oneOf: [{type: null}, {$ref, description}]</c>, so the text describing the
/// property sits on the reference inside the <c>oneOf</c>, where readers of the document (and the completeness test)
/// do not look for it; this moves it up, next to the <c>oneOf</c>. A non-nullable reference property already carries it
/// as the OpenAPI 3.1 sibling of <c>$ref</c> and is left alone.
/// </summary>
internal sealed class OpenApiReferenceDescriptions : IOpenApiDocumentTransformer
{
    /// <inheritdoc/>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is { } schemas)
        {
            foreach (IOpenApiSchema schema in schemas.Values)
            {
                LiftPropertyDescriptions(schema as OpenApiSchema);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Lifts each undescribed property's description out of its single described reference, recursively.</summary>
    internal static void LiftPropertyDescriptions(OpenApiSchema? schema)
    {
        if (schema?.Properties is null)
        {
            return;
        }

        foreach (IOpenApiSchema property in schema.Properties.Values)
        {
            if (property is not OpenApiSchema inline)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(inline.Description) && DescribedReference(inline) is { } reference)
            {
                inline.Description = reference.Description;
                reference.Description = null;
            }

            LiftPropertyDescriptions(inline);
        }
    }

    /// <summary>The one reference among the property's <c>oneOf</c>/<c>anyOf</c> alternatives that has a description.</summary>
    private static OpenApiSchemaReference? DescribedReference(OpenApiSchema property)
    {
        OpenApiSchemaReference? found = null;
        foreach (IOpenApiSchema alternative in (property.OneOf ?? []).Concat(property.AnyOf ?? []))
        {
            if (alternative is OpenApiSchemaReference { Description: { Length: > 0 } } reference)
            {
                if (found is not null)
                {
                    return null;
                }

                found = reference;
            }
        }

        return found;
    }
}
