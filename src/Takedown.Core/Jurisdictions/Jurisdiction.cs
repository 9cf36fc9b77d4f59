namespace Takedown.Core.Jurisdictions;

/// <summary>A legal regime a case falls under, with its removal deadline.</summary>
/// <param name="Code">Short code: US, UK, AU or a configured custom code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Deadline">Time from receipt to required removal.</param>
public sealed record Jurisdiction(string Code, string Name, TimeSpan Deadline);
