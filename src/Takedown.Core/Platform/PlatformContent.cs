namespace Takedown.Core.Platform;

/// <summary>One piece of content as the platform lists it for the copy search.</summary>
/// <param name="ContentId">The platform's id for it.</param>
/// <param name="Sha256">SHA-256, if the platform has it.</param>
/// <param name="Md5">MD5, if the platform has it.</param>
/// <param name="Pdq">PDQ hex, if the platform has it.</param>
public sealed record PlatformContent(string ContentId, string? Sha256 = null, string? Md5 = null, string? Pdq = null);
