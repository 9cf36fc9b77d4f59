using Microsoft.Extensions.FileProviders;

namespace Takedown.Server.Web;

/// <summary>
/// The pages' CSS and scripts (wwwroot) are embedded in the assembly, so every host (<c>takedown serve</c>, tests, a
/// published build) serves the same files under <see cref="RequestPath"/> without depending on a content root.
/// </summary>
internal static class StaticAssets
{
    /// <summary>URL prefix of the assets.</summary>
    public const string RequestPath = "/static";

    /// <summary>The embedded wwwroot.</summary>
    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(StaticAssets).Assembly, "Takedown.Server.wwwroot");
}
