using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Takedown.Core.Audit;
using Takedown.Core.Jurisdictions;
using Takedown.Core.Requests;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;
using Takedown.Server.Web;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Web;

/// <summary>Admin pages that change things: accounts and roles, jurisdictions and deadlines.</summary>
public sealed partial class StaffPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_UsersPage_CreatesChangesRoleDisablesAndEnables_AllAudited()
    {
        // Given a signed-in admin on the users page
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/admin/users");
        await WebFixture.SignInAsync(page, "admin");
        await Accessibility.AssertPassesAsync(page);

        // When they add an admin account with a password they set
        await page.FillAsync("#new-username", "ops-lead");
        await page.CheckAsync("input[name='Add.Role'][value='admin']");
        await page.FillAsync("#new-password-input", WebFixture.Password);
        await page.ClickAsync("button:has-text('Add account')");

        // Then the stored account is listed with its role
        (await page.TextContentAsync("#new-user-panel"))!.ShouldContain("ops-lead");
        ILocator row = page.Locator("#users tr[data-user='ops-lead']");
        (await row.Locator("select").InputValueAsync()).ShouldBe("admin");
        (await row.Locator(".user-state").TextContentAsync()).ShouldBe("Active");

        // When they make it a moderator, then disable it
        await row.Locator("select").SelectOptionAsync("moderator");
        await row.Locator("button:has-text('Save role')").ClickAsync();
        (await page.TextContentAsync("#changed-flash"))!.ShouldContain("ops-lead is now an active moderator");
        await page.Locator("#users tr[data-user='ops-lead'] button:has-text('Disable')").ClickAsync();
        (await page.TextContentAsync("#changed-flash"))!.ShouldContain("ops-lead is now a disabled moderator");
        (await page.Locator("#users tr[data-user='ops-lead'] .user-state").TextContentAsync()).ShouldBe("Disabled");
        await Accessibility.AssertPassesAsync(page);
        await WebFixture.ScreenshotAsync(page, "admin-users-changed");

        // Then the disabled account cannot sign in
        IPage other = await web.NewPageAsync();
        await other.GotoAsync("/login");
        await other.FillAsync("#username", "ops-lead");
        await other.FillAsync("#password", WebFixture.Password);
        await other.ClickAsync("button[type=submit]");
        await other.WaitForSelectorAsync("#error-summary");

        // When it is enabled again, it signs in as a moderator
        await page.Locator("#users tr[data-user='ops-lead'] button:has-text('Enable')").ClickAsync();
        (await page.TextContentAsync("#changed-flash"))!.ShouldContain("ops-lead is now an active moderator");
        await WebFixture.SignInAsync(other, "ops-lead");
        other.Url.ShouldEndWith("/moderate");

        // And disabling it ends that open session at its next page
        await page.Locator("#users tr[data-user='ops-lead'] button:has-text('Disable')").ClickAsync();
        await page.WaitForSelectorAsync("#users tr[data-user='ops-lead'] button:has-text('Enable')");
        await other.GotoAsync("/moderate");
        other.Url.ShouldContain("/login");
        await other.Context.CloseAsync();

        // And an admin cannot disable their own account
        await page.Locator("#users tr[data-user='admin'] button:has-text('Disable')").ClickAsync();
        (await page.TextContentAsync("#error-summary"))!.ShouldContain("cannot remove your own admin role or disable your own account");
        (await page.Locator("#users tr[data-user='admin'] .user-state").TextContentAsync()).ShouldBe("Active");

        // And every change is in the audit log, by the admin
        IReadOnlyList<AuditEvent> audit = await ReadAuditAsync();
        AuditEvent[] changes = audit.Where(e => e.Detail.Contains("\"ops-lead\"", StringComparison.Ordinal) && e.Actor == "user:admin").ToArray();
        changes.Select(e => e.Action).ShouldBe(["user.created", "user.role_changed", "user.disabled", "user.enabled", "user.disabled"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_Jurisdictions_AddsCustomChangesDeadlineAndWarnings_ValidatedStoredApplied()
    {
        // Given a signed-in admin on the jurisdictions page
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/admin/jurisdictions");
        await WebFixture.SignInAsync(page, "admin");

        // When they send nonsense
        await page.FillAsync("#jurisdiction-code", "C A!");
        await page.FillAsync("#jurisdiction-hours", "0");
        await page.ClickAsync("button:has-text('Save jurisdiction')");

        // Then every bad field is named, tied to its field, and nothing is stored
        (await page.Locator("#error-summary li").CountAsync()).ShouldBe(3);
        (await page.GetAttributeAsync("#jurisdiction-hours", "aria-invalid")).ShouldBe("true");
        (await page.GetAttributeAsync("#jurisdiction-hours", "aria-describedby"))!.Split(' ').ShouldContain("err-jurisdiction-hours");
        await Accessibility.AssertPassesAsync(page);
        (await ListJurisdictionSettingsAsync()).ShouldNotContain(j => j.Code == "CA");

        // When they add Canada with 36 hours
        await page.FillAsync("#jurisdiction-code", "ca");
        await page.FillAsync("#jurisdiction-name", "Canada (test regime)");
        await page.FillAsync("#jurisdiction-hours", "36");
        await page.ClickAsync("button:has-text('Save jurisdiction')");

        // Then it is listed, stored and used for new requests at once
        (await page.TextContentAsync("#saved-flash"))!.ShouldContain("Added CA");
        (await page.Locator("#jurisdictions tr[data-code='CA'] .deadline").TextContentAsync()).ShouldBe("36 hours");
        SubmitResult filed = await web.Get<CaseService>().SubmitAsync(new RemovalRequest { Locations = ["ca.jpg"], Jurisdiction = "CA" }, Ct);
        (filed.DueAt - filed.ReceivedAt).ShouldBe(TimeSpan.FromHours(36));

        // When they change the UK deadline through its Change link (the form is filled in for them)
        await page.ClickAsync("#jurisdictions tr[data-code='UK'] a:has-text('Change')");
        (await page.InputValueAsync("#jurisdiction-hours")).ShouldBe("48");
        await page.FillAsync("#jurisdiction-hours", "47.5");
        await page.ClickAsync("button:has-text('Save jurisdiction')");
        (await page.Locator("#jurisdictions tr[data-code='UK'] .deadline").TextContentAsync()).ShouldBe("47.5 hours");

        // And set the warnings to 40% and 90%
        await page.FillAsync("#warning-percentages", "90, 40");
        await page.ClickAsync("button:has-text('Save warnings')");
        (await page.TextContentAsync("#warnings-now"))!.ShouldContain("40%, 90%");
        web.Get<IOptions<TakedownOptions>>().Value.WarningFractions.ShouldBe([0.4, 0.9]);
        await Accessibility.AssertPassesAsync(page);
        await WebFixture.ScreenshotAsync(page, "admin-jurisdictions-edited");

        // Then a node starting on the same database loads what was saved
        var restarted = new JurisdictionCatalog();
        var restartedOptions = new TakedownOptions();
        await new JurisdictionSettings(web.Get<ITakedownStore>(), restarted, Options.Create(restartedOptions), TimeProvider.System).StartAsync(Ct);
        restarted.Resolve("CA").Deadline.ShouldBe(TimeSpan.FromHours(36));
        restarted.Resolve("UK").Deadline.ShouldBe(TimeSpan.FromHours(47.5));
        restartedOptions.WarningFractions.ShouldBe([0.4, 0.9]);

        // And the changes are audited
        string[] actions = (await ReadAuditAsync()).Where(e => e.Actor == "user:admin").Select(e => e.Action).ToArray();
        actions.ShouldContain("jurisdiction.added");
        actions.ShouldContain("jurisdiction.changed");
        actions.ShouldContain("deadline.warnings_changed");

        // Restore the shared fixture's defaults for the other tests
        JurisdictionSettings settings = web.Get<JurisdictionSettings>();
        (await settings.SaveJurisdictionAsync("user:admin", "UK", "United Kingdom (Online Safety Act)", "48", Ct)).Saved.ShouldBeTrue();
        (await settings.SaveWarningsAsync("user:admin", "50, 80, 95", Ct)).Saved.ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    private async Task<IReadOnlyList<AuditEvent>> ReadAuditAsync()
    {
        await using ITakedownSession session = await web.Get<ITakedownStore>().BeginAsync(write: false, Ct);
        return await session.ReadAuditAsync(1, 100_000, Ct);
    }

    private async Task<IReadOnlyList<JurisdictionSetting>> ListJurisdictionSettingsAsync()
    {
        await using ITakedownSession session = await web.Get<ITakedownStore>().BeginAsync(write: false, Ct);
        return await session.ListJurisdictionSettingsAsync(Ct);
    }
}
