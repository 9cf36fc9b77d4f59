using System.Text.Json.Serialization;

namespace Takedown.Hashing.Video;

/// <summary>Source-generated JSON metadata (the library is AOT-compatible, so no reflection-based serialization).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class VpdqJsonContext : JsonSerializerContext;
