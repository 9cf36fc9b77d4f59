namespace Takedown.Data.Records;

/// <summary>A jurisdiction stored from the admin pages: a custom one or an override of a built-in deadline.</summary>
/// <param name="Code">Jurisdiction code (upper case).</param>
/// <param name="Name">Display name.</param>
/// <param name="Deadline">Time from receipt to required removal (whole minutes are stored).</param>
/// <param name="UpdatedAt">When it was last saved.</param>
public sealed record JurisdictionSetting(string Code, string Name, TimeSpan Deadline, DateTimeOffset UpdatedAt);
