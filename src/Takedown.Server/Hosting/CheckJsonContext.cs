using System.Text.Json;
using System.Text.Json.Serialization;
using Takedown.Server.Endpoints;
using Takedown.Server.Workflow;

namespace Takedown.Server.Hosting;

/// <summary>
/// Source-generated JSON for the upload gate (<c>/check</c>): no reflection on the hottest endpoint. Web defaults
/// (camelCase, case-insensitive reading), the same contract as the rest of the API.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CheckBody))]
[JsonSerializable(typeof(CheckResult))]
[JsonSerializable(typeof(VpdqFrameBody))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
