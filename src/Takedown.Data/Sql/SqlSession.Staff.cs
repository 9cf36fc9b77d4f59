using Takedown.Data.Records;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, username, password_hash, role, disabled FROM users ORDER BY username",
            r => new UserRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0), cancellationToken);

    public async Task<bool> UpdateUserAsync(string username, string role, bool disabled, CancellationToken cancellationToken)
    {
        EnsureWrite();
        return await ExecuteAsync("UPDATE users SET role = @role, disabled = @disabled WHERE username = @name", cancellationToken,
            Arg.Of("name", username), Arg.Of("role", role), Arg.Of("disabled", disabled)) == 1;
    }

    public async Task<IReadOnlyList<JurisdictionSetting>> ListJurisdictionSettingsAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT code, name, deadline_minutes, updated_at FROM jurisdiction_settings ORDER BY code",
            r => new JurisdictionSetting(r.GetString(0), r.GetString(1), TimeSpan.FromMinutes(r.GetInt64(2)), Time(r, 3)), cancellationToken);

    public async Task UpsertJurisdictionSettingAsync(JurisdictionSetting jurisdiction, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync(
            "INSERT INTO jurisdiction_settings (code, name, deadline_minutes, updated_at) VALUES (@code, @name, @minutes, @at) "
            + "ON CONFLICT (code) DO UPDATE SET name = excluded.name, deadline_minutes = excluded.deadline_minutes, updated_at = excluded.updated_at",
            cancellationToken, Arg.Of("code", jurisdiction.Code), Arg.Of("name", jurisdiction.Name),
            Arg.Of("minutes", (long)Math.Round(jurisdiction.Deadline.TotalMinutes)), Arg.Of("at", jurisdiction.UpdatedAt));
    }

    public async Task<string?> GetDeploymentSettingAsync(string name, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT value FROM deployment_settings WHERE name = @name", r => r.GetString(0), cancellationToken, Arg.Of("name", name)))
            .FirstOrDefault();

    public async Task SetDeploymentSettingAsync(string name, string value, DateTimeOffset at, CancellationToken cancellationToken)
    {
        EnsureWrite();
        await ExecuteAsync(
            "INSERT INTO deployment_settings (name, value, updated_at) VALUES (@name, @value, @at) "
            + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            cancellationToken, Arg.Of("name", name), Arg.Of("value", value), Arg.Of("at", at));
    }
}
