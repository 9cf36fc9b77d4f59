using Microsoft.Playwright;
using Takedown.Core.Cases;
using Takedown.Core.Requests;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Web;

/// <summary>The requester records admin page (ABU-1, Art 23) and the senior-review control, in a real browser.</summary>
public sealed partial class StaffPagesTests
{
    [Fact]
    public async Task Admin_RequestersPage_ListsSuspendedRecordAndLiftsIt_Accessible()
    {
        // Given a requester suspended after three notices rejected as manifestly unfounded
        CaseService cases = web.Get<CaseService>();
        string email = $"abuser-{Guid.NewGuid():N}@example.org";
        var numbers = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            SubmitResult filed = await cases.SubmitAsync(Request($"https://platform.example/abuse/{email}/{i}", email), Ct);
            await cases.DecideAsync(filed.CaseNumber, "user:mod", DecisionKind.Reject, "Not intimate.", new ReviewChecklist { ManifestlyUnfounded = true }, Ct);
            numbers.Add(filed.CaseNumber);
        }

        // When a signed-in admin opens the page
        IPage page = await web.NewPageAsync();
        await page.GotoAsync("/admin/requesters");
        await WebFixture.SignInAsync(page, "admin");
        await Accessibility.AssertPassesAsync(page);

        // Then the record shows its state, linked cases and no contact
        ILocator row = page.Locator("#requesters tbody tr", new PageLocatorOptions { HasText = numbers[0] });
        string text = (await row.InnerTextAsync())!;
        text.ShouldContain("Suspended");
        numbers.ShouldAllBe(n => text.Contains(n, StringComparison.Ordinal));
        (await page.ContentAsync()).ShouldNotContain(email);
        await WebFixture.ScreenshotAsync(page, "admin-requesters");

        // When the admin lifts the suspension with a reason
        await page.FillAsync("#lift-reason", "Requester's identity confirmed by phone");
        await row.Locator("button:has-text('Lift suspension')").ClickAsync();

        // Then it is lifted and intake from the contact is accepted again
        (await page.TextContentAsync("#lifted-flash"))!.ShouldContain("lifted");
        (await page.Locator("#requesters tbody tr", new PageLocatorOptions { HasText = numbers[0] }).InnerTextAsync()).ShouldContain("Warned");
        await Accessibility.AssertPassesAsync(page);
        (await cases.SubmitAsync(Request("https://platform.example/abuse/after", email), Ct)).CaseNumber.ShouldNotBeNullOrEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Moderator_CasePage_SeniorReviewControlFlagsCase_BadgeInQueue_Accessible()
    {
        // Given a case and a signed-in moderator on its page
        SubmitResult filed = await web.Get<CaseService>().SubmitAsync(Request("https://platform.example/senator.jpg", "aide@example.org"), Ct);
        IPage page = await web.NewPageAsync();
        await page.GotoAsync($"/moderate/cases/{filed.CaseNumber}");
        await WebFixture.SignInAsync(page, "mod");

        // When they tick the labelled control and save it with a reason
        await page.GetByLabel("Needs senior review").CheckAsync();
        await page.GetByLabel("Why (optional)").FillAsync("Sitting senator");
        await page.ClickAsync("button:has-text('Save senior-review flag')");

        // Then the case shows the flag, the box stays ticked, and the queue shows a text badge
        (await page.TextContentAsync("#flash"))!.ShouldContain("Senior-review flag saved");
        (await page.IsCheckedAsync("#senior-review")).ShouldBeTrue();
        (await page.TextContentAsync("#case-flags"))!.ShouldContain("Senior review");
        await Accessibility.AssertPassesAsync(page);
        await page.GotoAsync("/moderate");
        (await page.Locator("#queue tr", new PageLocatorOptions { HasText = filed.CaseNumber }).InnerTextAsync()).ShouldContain("Senior review");
        await Accessibility.AssertPassesAsync(page);
        await page.Context.CloseAsync();
    }

    private static RemovalRequest Request(string location, string email) => new()
    {
        SignatureName = "Sam Sample",
        SignatureAttested = true,
        Locations = [location],
        GoodFaithStatement = "Published without my consent.",
        GoodFaithAttested = true,
        ContactEmail = email,
    };
}
