using Takedown.Data.Records;

namespace Takedown.Data.Tests;

/// <summary>Staff accounts and admin-edited deadline settings, on every database.</summary>
public abstract partial class TakedownStoreTests
{
    private static readonly DateTimeOffset s_staffTime = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListUsersAsync_SeveralUsers_SortedByNameWithRoleAndState()
    {
        await using (ITakedownSession write = await Store.BeginAsync(write: true, Ct))
        {
            await write.InsertUserAsync("zoe", "hash-z", "moderator", s_staffTime, Ct);
            await write.InsertUserAsync("amir", "hash-a", "admin", s_staffTime, Ct);
            await write.CommitAsync(Ct);
        }

        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        IReadOnlyList<UserRecord> users = await read.ListUsersAsync(Ct);
        users.Select(u => u.Username).ShouldBe(["amir", "zoe"]);
        users[0].Role.ShouldBe("admin");
        users[0].PasswordHash.ShouldBe("hash-a");
        users[1].Disabled.ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateUserAsync_ChangesRoleAndDisables_UnknownUserFalse()
    {
        await using (ITakedownSession write = await Store.BeginAsync(write: true, Ct))
        {
            await write.InsertUserAsync("sam", "hash-s", "moderator", s_staffTime, Ct);
            (await write.UpdateUserAsync("sam", "admin", true, Ct)).ShouldBeTrue();
            (await write.UpdateUserAsync("nobody", "admin", false, Ct)).ShouldBeFalse();
            await write.CommitAsync(Ct);
        }

        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        UserRecord sam = (await read.GetUserAsync("sam", Ct))!;
        sam.Role.ShouldBe("admin");
        sam.Disabled.ShouldBeTrue();
        sam.PasswordHash.ShouldBe("hash-s");
    }

    [Fact]
    public async Task UpsertJurisdictionSettingAsync_InsertThenReplace_ListsLatestByCode()
    {
        await using (ITakedownSession write = await Store.BeginAsync(write: true, Ct))
        {
            (await write.ListJurisdictionSettingsAsync(Ct)).ShouldBeEmpty();
            await write.UpsertJurisdictionSettingAsync(new JurisdictionSetting("UK", "United Kingdom", TimeSpan.FromHours(48), s_staffTime), Ct);
            await write.UpsertJurisdictionSettingAsync(new JurisdictionSetting("CA", "Canada", TimeSpan.FromHours(36), s_staffTime), Ct);
            await write.UpsertJurisdictionSettingAsync(new JurisdictionSetting("UK", "UK (OSA)", TimeSpan.FromHours(24.5), s_staffTime.AddHours(1)), Ct);
            await write.CommitAsync(Ct);
        }

        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        IReadOnlyList<JurisdictionSetting> saved = await read.ListJurisdictionSettingsAsync(Ct);
        saved.Count.ShouldBe(2);
        saved[0].ShouldBe(new JurisdictionSetting("CA", "Canada", TimeSpan.FromHours(36), s_staffTime));
        saved[1].ShouldBe(new JurisdictionSetting("UK", "UK (OSA)", TimeSpan.FromHours(24.5), s_staffTime.AddHours(1)));
    }

    [Fact]
    public async Task SetDeploymentSettingAsync_SetTwice_ReturnsLastValueAndNullForUnknown()
    {
        await using (ITakedownSession write = await Store.BeginAsync(write: true, Ct))
        {
            await write.SetDeploymentSettingAsync("warning_fractions", "0.5 0.8", s_staffTime, Ct);
            await write.SetDeploymentSettingAsync("warning_fractions", "0.25 0.75 0.9", s_staffTime, Ct);
            await write.CommitAsync(Ct);
        }

        await using ITakedownSession read = await Store.BeginAsync(write: false, Ct);
        (await read.GetDeploymentSettingAsync("warning_fractions", Ct)).ShouldBe("0.25 0.75 0.9");
        (await read.GetDeploymentSettingAsync("unknown", Ct)).ShouldBeNull();
    }
}
