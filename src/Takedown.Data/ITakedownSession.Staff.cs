using Takedown.Data.Records;

namespace Takedown.Data;

/// <summary>Staff accounts and the deadline settings kept from the admin pages.</summary>
public partial interface ITakedownSession
{
    /// <summary>All staff accounts, by user name.</summary>
    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>Sets an account's role and whether it is disabled; returns false for an unknown user.</summary>
    public Task<bool> UpdateUserAsync(string username, string role, bool disabled, CancellationToken cancellationToken);

    /// <summary>Jurisdictions saved from the admin pages, by code.</summary>
    public Task<IReadOnlyList<JurisdictionSetting>> ListJurisdictionSettingsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a saved jurisdiction (matched on its code).</summary>
    public Task UpsertJurisdictionSettingAsync(JurisdictionSetting jurisdiction, CancellationToken cancellationToken);

    /// <summary>A deployment setting's stored value, or null when never set.</summary>
    public Task<string?> GetDeploymentSettingAsync(string name, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a deployment setting.</summary>
    public Task SetDeploymentSettingAsync(string name, string value, DateTimeOffset at, CancellationToken cancellationToken);
}
