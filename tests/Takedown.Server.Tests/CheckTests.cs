using System.Net;
using System.Net.Http.Json;
using Takedown.Core.Media;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Hashing.Pdq;
using Takedown.Server.Matching;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests;

public sealed class CheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PdqHash s_banked = PdqHash.Parse("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");

    private static PdqHash Flip(PdqHash hash, int bits)
    {
        Span<ulong> words = stackalloc ulong[4];
        hash.CopyTo(words);
        for (int i = 0; i < bits; i++)
        {
            words[i / 64] ^= 1UL << (i % 64);
        }

        return PdqHash.FromWords(words);
    }

    private static async Task<string> BankAsync(ServiceHost host)
    {
        ITakedownStore store = host.Get<ITakedownStore>();
        string caseNumber = CaseNumber.Create();
        await using (ITakedownSession s = await store.BeginAsync(write: true, Ct))
        {
            CaseRecord c = await s.InsertCaseAsync(new NewCase(caseNumber, Takedown.Core.Cases.CaseStatus.Removed, "US", ServiceHost.Start, ServiceHost.Start.AddHours(48),
                ServiceHost.Start, SecretToken.Hash("t"), new Takedown.Core.Requests.RemovalRequest(), "[]"), Ct);
            await s.InsertBankEntryAsync(c.Id, caseNumber, null, HashKind.Pdq, s_banked.ToString(), 100, ServiceHost.Start, Ct);
            await s.InsertBankEntryAsync(c.Id, caseNumber, null, HashKind.Sha256, new string('a', 64), 0, ServiceHost.Start, Ct);
            await s.CommitAsync(Ct);
        }

        await host.Get<BankIndex>().SyncAsync(store, Ct);
        return caseNumber;
    }

    [Theory]
    [InlineData(0, "block")]
    [InlineData(10, "block")]
    [InlineData(11, "review")]
    [InlineData(31, "review")]
    [InlineData(32, "allow")]
    [InlineData(100, "allow")]
    public async Task CheckHashes_PdqAtDistance_DecidesByThresholds(int distance, string expected)
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        string caseNumber = await BankAsync(host);
        using HttpClient gate = host.WithKey(host.CheckKey);
        PdqHash query = Flip(s_banked, distance);
        query.DistanceTo(s_banked).ShouldBe(distance);

        CheckResult result = await (await gate.PostAsJsonAsync("api/v1/check", new { pdq = query.ToString() }, Ct)).ReadAsync<CheckResult>(Ct);

        result.Decision.ShouldBe(expected);
        if (expected != "allow")
        {
            result.Matches[0].ShouldBe(new CheckMatch(caseNumber, "pdq", distance));
        }
    }

    [Fact]
    public async Task CheckHashes_ExactSha256_Blocks_AndBadHex_Is400()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        await BankAsync(host);
        using HttpClient gate = host.WithKey(host.CheckKey);

        CheckResult exact = await (await gate.PostAsJsonAsync("api/v1/check", new { sha256 = new string('A', 64) }, Ct)).ReadAsync<CheckResult>(Ct);
        HttpResponseMessage bad = await gate.PostAsJsonAsync("api/v1/check", new { pdq = "xyz" }, Ct);
        HttpResponseMessage empty = await gate.PostAsJsonAsync("api/v1/check", new { }, Ct);

        exact.Decision.ShouldBe("block");
        exact.Matches.ShouldHaveSingleItem().Kind.ShouldBe("sha256");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("64 hexadecimal");
    }

    [Fact]
    public async Task CheckHashes_WithContentId_RegistersUploadForLaterSweeps()
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);

        (await gate.PostAsJsonAsync("api/v1/check", new { pdq = s_banked.ToString(), contentId = "upload-77" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await host.Get<ContentRegistrar>().FlushAsync(Ct);

        await using ITakedownSession s = await host.Get<ITakedownStore>().BeginAsync(write: false, Ct);
        ContentRecord registered = (await s.ListContentAsync(0, 10, Ct)).ShouldHaveSingleItem();
        registered.ContentId.ShouldBe("upload-77");
        registered.Pdq.ShouldBe(s_banked.ToString());
    }
}
