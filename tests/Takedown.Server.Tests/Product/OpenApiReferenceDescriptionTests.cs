using System.Text.Json;
using Microsoft.OpenApi;
using Takedown.Server.Hosting;
using Takedown.Server.Tests.Support;

namespace Takedown.Server.Tests.Product;

/// <summary>
/// A property whose type is a component schema is written as a <c>$ref</c>; its own <c>[Description]</c> (what the
/// property means here, as opposed to what the referenced type is) must still reach the document, as the OpenAPI 3.1
/// sibling <c>description</c> next to the <c>$ref</c>.
/// </summary>
public sealed class OpenApiReferenceDescriptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("DecisionBody", "checklist", "ReviewChecklist", "The reviewer checklist (VAL-2)")]
    [InlineData("RequesterCaseView", "outcome", "OutcomeView", "The latest decision and its reason")]
    public async Task OpenApiDocument_ReferenceProperty_KeepsItsOwnDescriptionBesideTheRef(string schema, string property, string target, string descriptionStart)
    {
        // Given the running host's document.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient client = host.Anonymous();
        using JsonDocument document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json", Ct));

        // When the property is looked up.
        JsonElement schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        JsonElement node = schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);
        string raw = node.GetRawText();

        // Then it describes itself and still points at the referenced schema (directly or through a nullable oneOf/anyOf).
        node.TryGetProperty("description", out JsonElement description).ShouldBeTrue($"no description on {schema}.{property}: {raw}");
        description.GetString().ShouldStartWith(descriptionStart);
        raw.ShouldContain($"\"#/components/schemas/{target}\"", Case.Sensitive, $"{schema}.{property} no longer references {target}: {raw}");
        schemas.GetProperty(target).TryGetProperty("properties", out _).ShouldBeTrue($"the referenced schema {target} has no properties");
    }

    [Fact]
    public void LiftPropertyDescriptions_TwoDescribedReferences_LeavesThePropertyAlone()
    {
        // Given one property whose oneOf has a single described reference and one whose oneOf has two.
        var document = new OpenApiDocument();
        var single = new OpenApiSchemaReference("A", document) { Description = "Only A." };
        var first = new OpenApiSchemaReference("A", document) { Description = "A." };
        var second = new OpenApiSchemaReference("B", document) { Description = "B." };
        var schema = new OpenApiSchema
        {
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["one"] = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, single] },
                ["two"] = new OpenApiSchema { OneOf = [first, second] },
            },
        };

        // When
        OpenApiReferenceDescriptions.LiftPropertyDescriptions(schema);

        // Then only the unambiguous one is lifted (and no longer repeated inside the oneOf).
        schema.Properties["one"].Description.ShouldBe("Only A.");
        single.Description.ShouldBeNull();
        schema.Properties["two"].Description.ShouldBeNull();
        first.Description.ShouldBe("A.");
        second.Description.ShouldBe("B.");
    }
}
