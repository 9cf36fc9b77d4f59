using System.Text.Json;

namespace Takedown.Server.Workflow;

/// <summary>Builds the compact JSON detail of audit events (never personal data of requesters).</summary>
internal static class AuditDetail
{
    public static string Of(object value) => JsonSerializer.Serialize(value, s_options);

    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);
}
