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

    [Fact]
    public async Task CheckMedia_JpegUpload_BlocksBankedPicture_AllowsOther_AndRefusesOversizedBody()
    {
        // Given a 1 MiB media limit and the PDQ hash of a photo in the bank.
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.MaxMediaBytes = 1024 * 1024, Ct);
        byte[] photo = TestImages.Jpeg(seed: 3);
        MediaHashes hashes = await host.Get<MediaHasher>().HashAsync(photo, Ct);
        ITakedownStore store = host.Get<ITakedownStore>();
        string caseNumber = CaseNumber.Create();
        await using (ITakedownSession s = await store.BeginAsync(write: true, Ct))
        {
            CaseRecord c = await s.InsertCaseAsync(new NewCase(caseNumber, Takedown.Core.Cases.CaseStatus.Removed, "US", ServiceHost.Start, ServiceHost.Start.AddHours(48),
                ServiceHost.Start, SecretToken.Hash("t"), new Takedown.Core.Requests.RemovalRequest(), "[]"), Ct);
            await s.InsertBankEntryAsync(c.Id, caseNumber, null, HashKind.Pdq, hashes.Pdq!.Value.ToString(), hashes.PdqQuality, ServiceHost.Start, Ct);
            await s.CommitAsync(Ct);
        }

        await host.Get<BankIndex>().SyncAsync(store, Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);

        // When a resized re-encode of it is uploaded (chunked, no Content-Length), then it is blocked by PDQ.
        using (var resized = new StreamContent(new MemoryStream(TestImages.Resized(photo))))
        {
            resized.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            HttpResponseMessage response = await gate.PostAsync("api/v1/check", resized, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            CheckResult result = await response.ReadAsync<CheckResult>(Ct);
            result.Decision.ShouldBe("block");
            result.Matches[0].CaseNumber.ShouldBe(caseNumber);
            result.Matches[0].Kind.ShouldBe("pdq");
        }

        // An unrelated photo is allowed.
        using (var other = new ByteArrayContent(TestImages.Jpeg(seed: 11)))
        {
            other.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            (await (await gate.PostAsync("api/v1/check", other, Ct)).ReadAsync<CheckResult>(Ct)).Decision.ShouldBe("allow");
        }

        // A body declared over the limit is refused with 413 before it is read (Kestrel's body limit stops an undeclared one).
        using (var huge = new ByteArrayContent(new byte[(1024 * 1024) + 1]))
        {
            huge.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            (await gate.PostAsync("api/v1/check", huge, Ct)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task CheckHashes_ManyMatches_ListsAtMostTenBestFirst()
    {
        // Given twelve banked hashes at distances 0..11 from the query.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        ITakedownStore store = host.Get<ITakedownStore>();
        string caseNumber = CaseNumber.Create();
        await using (ITakedownSession s = await store.BeginAsync(write: true, Ct))
        {
            CaseRecord c = await s.InsertCaseAsync(new NewCase(caseNumber, Takedown.Core.Cases.CaseStatus.Removed, "US", ServiceHost.Start, ServiceHost.Start.AddHours(48),
                ServiceHost.Start, SecretToken.Hash("t"), new Takedown.Core.Requests.RemovalRequest(), "[]"), Ct);
            for (int d = 11; d >= 0; d--)
            {
                await s.InsertBankEntryAsync(c.Id, caseNumber, null, HashKind.Pdq, Flip(s_banked, d).ToString(), 100, ServiceHost.Start, Ct);
            }

            await s.CommitAsync(Ct);
        }

        await host.Get<BankIndex>().SyncAsync(store, Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);

        // When the gate is asked, then the answer lists the ten nearest, nearest first.
        CheckResult result = await (await gate.PostAsJsonAsync("api/v1/check", new { pdq = s_banked.ToString() }, Ct)).ReadAsync<CheckResult>(Ct);
        result.Decision.ShouldBe("block");
        result.Matches.Select(m => m.Distance).ShouldBe(Enumerable.Range(0, CheckService.MaxReportedMatches));
    }
}
