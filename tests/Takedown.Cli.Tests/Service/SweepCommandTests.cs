using Takedown.Cli.Serve;
using Takedown.Core.Cases;
using Takedown.Core.Media;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Workflow;

namespace Takedown.Cli.Tests.Service;

public sealed class SweepCommandTests
{
    private static readonly DateTimeOffset s_at = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_AllCases_RemovesExactCopyAndQueuesResizedCopy_ThenFindsNothingNew()
    {
        // Given the demo platform and a removed case whose photo (users/user1/photo1.jpg) is banked by all three hashes.
        await using var data = new ServiceDataDirectory();
        DemoPlatform.EnsureSamples(data.Platform);
        const string original = "users/user1/photo1.jpg";
        MediaHashes hashes = await new MediaHasher().HashAsync(await File.ReadAllBytesAsync(Path.Combine(data.Platform, original), Ct), Ct);
        string caseNumber;
        await using (var store = await data.OpenStoreAsync(Ct))
        {
            await using ITakedownSession s = await store.BeginAsync(write: true, Ct);
            CaseRecord c = await ServiceDataDirectory.InsertCaseAsync(s, CaseStatus.Removed, s_at, Ct);
            caseNumber = c.CaseNumber;
            ItemRecord item = await s.InsertItemAsync(c.Id, original, original, ItemOrigin.Reported, ItemStatus.Removed, null, null, s_at, Ct);
            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, item.Id, HashKind.Sha256, hashes.Sha256!, 0, s_at, Ct);
            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, item.Id, HashKind.Md5, hashes.Md5!, 0, s_at, Ct);
            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, item.Id, HashKind.Pdq, hashes.Pdq!.Value.ToString(), hashes.PdqQuality, s_at, Ct);

            // A rejected case with banked hashes of its own is not swept.
            CaseRecord rejected = await ServiceDataDirectory.InsertCaseAsync(s, CaseStatus.Rejected, s_at, Ct);
            await s.InsertBankEntryAsync(rejected.Id, rejected.CaseNumber, null, HashKind.Sha256, new string('b', 64), 0, s_at, Ct);
            await s.CommitAsync(Ct);
        }

        // When every case is swept from the command line, then the byte-identical repost is removed from the
        // platform (moved to quarantine) and the resized copy is queued for review.
        (int exit, string output, string error) = await ServiceDataDirectory.RunAsync("sweep", "--data-dir", data.Root);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain($"{caseNumber}: 1 exact copies removed, 1 near copies queued for review");
        output.ShouldContain("Swept 1 case(s)");
        File.Exists(Path.Combine(data.Platform, "users/user5/repost.jpg")).ShouldBeFalse();
        File.Exists(Path.Combine(data.Quarantine, "users/user5/repost.jpg")).ShouldBeTrue();
        File.Exists(Path.Combine(data.Platform, "users/user6/small.jpg")).ShouldBeTrue();
        await using (var store = await data.OpenStoreAsync(Ct))
        {
            await using ITakedownSession s = await store.BeginAsync(write: false, Ct);
            CaseRecord c = (await s.GetCaseAsync(caseNumber, Ct))!;
            IReadOnlyList<ItemRecord> items = await s.ListItemsAsync(c.Id, Ct);
            items.ShouldContain(i => i.ContentId == "users/user5/repost.jpg" && i.Origin == ItemOrigin.ExactCopy && i.Status == ItemStatus.Removed);
            items.ShouldContain(i => i.ContentId == "users/user6/small.jpg" && i.Origin == ItemOrigin.NearCopy && i.Status == ItemStatus.NeedsReview);
        }

        // When it runs again for that case, then nothing new is found.
        (exit, output, _) = await ServiceDataDirectory.RunAsync("sweep", "--data-dir", data.Root, "--case", caseNumber);
        exit.ShouldBe(0);
        output.ShouldContain($"{caseNumber}: 0 exact copies removed, 0 near copies queued for review");
    }

    [Fact]
    public async Task Sweep_UnknownOrOpenCase_FailsWithReason()
    {
        await using var data = new ServiceDataDirectory();
        string open;
        await using (var store = await data.OpenStoreAsync(Ct))
        {
            await using ITakedownSession s = await store.BeginAsync(write: true, Ct);
            open = (await ServiceDataDirectory.InsertCaseAsync(s, CaseStatus.Open, s_at, Ct)).CaseNumber;
            await s.CommitAsync(Ct);
        }

        (int exit, _, string error) = await ServiceDataDirectory.RunAsync("sweep", "--data-dir", data.Root, "--case", "TD-NOPE");
        exit.ShouldBe(1);
        error.ShouldContain("no case TD-NOPE");

        (exit, _, error) = await ServiceDataDirectory.RunAsync("sweep", "--data-dir", data.Root, "--case", open);
        exit.ShouldBe(1);
        error.ShouldContain("is Open");

        (exit, string output, _) = await ServiceDataDirectory.RunAsync("sweep", "--data-dir", data.Root);
        exit.ShouldBe(0);
        output.ShouldContain("nothing to sweep");
    }
}
