using System.Net;
using System.Net.Http.Json;
using Takedown.Core.Cases;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Feed;
using Takedown.Core.Media;
using Takedown.Core.Requests;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Matching;

namespace Takedown.Server.Tests.Exchange;

/// <summary>Two <c>takedown serve</c> instances on loopback (separate SQLite files) subscribed to each other's feeds.</summary>
public sealed class TakedownFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A removed case with a banked PDQ hash (what a moderator's removal leaves behind).</summary>
    private static async Task<(long CaseId, string CaseNumber)> RemovedCaseAsync(ExchangeHost host, string caseNumber, string pdq)
    {
        DateTimeOffset now = host.Time.GetUtcNow();
        await using ITakedownSession session = await host.Store.BeginAsync(write: true, Ct);
        CaseRecord c = await session.InsertCaseAsync(new NewCase(caseNumber, CaseStatus.Removed, "US", now, now.AddHours(48), now, new byte[32],
            new RemovalRequest { SignatureName = "R", SignatureAttested = true, Locations = ["x"], GoodFaithAttested = true, ContactEmail = "r@example.org" }, "[]"), Ct);
        await session.InsertBankEntryAsync(c.Id, caseNumber, null, HashKind.Pdq, pdq, 100, now, Ct);
        await session.CommitAsync(Ct);
        await host.Get<BankIndex>().SyncAsync(host.Store, Ct);
        return (c.Id, caseNumber);
    }

    private static async Task SubscribeAsync(ExchangeHost subscriber, string name, ExchangeHost publisher, string feedId, string? publicKey = null)
    {
        using HttpClient anonymous = publisher.Anonymous();
        publicKey ??= await anonymous.GetStringAsync("api/v1/exchange/feed/key", Ct);
        string partnerKey = await publisher.CreateKeyAsync("partner " + name, [Auth.Roles.CheckScope], Ct);
        using HttpClient admin = subscriber.WithKey(subscriber.AdminKey);
        HttpResponseMessage added = await admin.PostAsJsonAsync("api/v1/exchanges", new
        {
            name,
            type = "takedown",
            config = new { url = new Uri(publisher.Server.BaseAddress, "api/v1/exchange/feed").AbsoluteUri, feed_id = feedId, public_key = publicKey, api_key = partnerKey, page_size = 2 },
        }, Ct);
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<ExchangeSyncResult> SyncAsync(ExchangeHost host, string name)
    {
        using HttpClient admin = host.WithKey(host.AdminKey);
        return (await (await admin.PostAsync($"api/v1/exchanges/{name}/sync", null, Ct)).Content.ReadFromJsonAsync<ExchangeSyncResult>(Ct))!;
    }

    private static async Task ConsentAsync(ExchangeHost host, string caseNumber, bool consent)
    {
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        (await moderator.PutAsJsonAsync($"api/v1/cases/{caseNumber}/sharing", new { consent }, Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task TwoDeployments_RemovalOnOneBlocksReuploadOnOtherAndWithdrawalReleasesIt()
    {
        // Given two deployments, each publishing a signed feed and subscribed to the other's
        await using ExchangeHost alpha = await ExchangeHost.StartAsync("alpha", FeedSignature.CreateKeyPair().PrivateKeyPem, Ct);
        await using ExchangeHost beta = await ExchangeHost.StartAsync("beta", FeedSignature.CreateKeyPair().PrivateKeyPem, Ct);
        await SubscribeAsync(beta, "FROM_ALPHA", alpha, "alpha");
        await SubscribeAsync(alpha, "FROM_BETA", beta, "beta");
        string shared = StopNciiExchangeTests.Pdq(101), unshared = StopNciiExchangeTests.Pdq(102), fromBeta = StopNciiExchangeTests.Pdq(103);
        using HttpClient betaGate = beta.WithKey(beta.CheckKey);
        using HttpClient alphaGate = alpha.WithKey(alpha.CheckKey);

        // When alpha removes two images, but only one requester consents to sharing; beta removes one with consent
        (long caseId, string caseNumber) = await RemovedCaseAsync(alpha, "TD-A1", shared);
        await RemovedCaseAsync(alpha, "TD-A2", unshared);
        await ConsentAsync(alpha, caseNumber, consent: true);
        await RemovedCaseAsync(beta, "TD-B1", fromBeta);
        await ConsentAsync(beta, "TD-B1", consent: true);
        (await CheckClient.DecisionAsync(betaGate, pdq: shared, cancellationToken: Ct)).ShouldBe("allow");
        ExchangeSyncResult betaSync = await SyncAsync(beta, "FROM_ALPHA");
        ExchangeSyncResult alphaSync = await SyncAsync(alpha, "FROM_BETA");

        // Then after one sync each blocks the other's consented removal, and nothing unconsented travels
        betaSync.Error.ShouldBeNull();
        alphaSync.Error.ShouldBeNull();
        (await CheckClient.DecisionAsync(betaGate, pdq: shared, cancellationToken: Ct)).ShouldBe("block");
        (await CheckClient.DecisionAsync(betaGate, pdq: unshared, cancellationToken: Ct)).ShouldBe("allow");
        (await CheckClient.DecisionAsync(alphaGate, pdq: fromBeta, cancellationToken: Ct)).ShouldBe("block");

        // When the requester withdraws on alpha (the hash is released from alpha's bank) and beta syncs once
        await using (ITakedownSession session = await alpha.Store.BeginAsync(write: true, Ct))
        {
            await session.ReleaseBankEntriesAsync(caseId, caseNumber, null, alpha.Time.GetUtcNow(), Ct);
            await session.CommitAsync(Ct);
        }

        ExchangeSyncResult release = await SyncAsync(beta, "FROM_ALPHA");

        // Then beta releases it too
        release.Deleted.ShouldBe(1);
        (await CheckClient.DecisionAsync(betaGate, pdq: shared, cancellationToken: Ct)).ShouldBe("allow");

        // When beta's requester withdraws consent to sharing (the hash stays banked on beta)
        await ConsentAsync(beta, "TD-B1", consent: false);
        await SyncAsync(alpha, "FROM_BETA");

        // Then alpha stops matching it, beta still blocks it
        (await CheckClient.DecisionAsync(alphaGate, pdq: fromBeta, cancellationToken: Ct)).ShouldBe("allow");
        (await CheckClient.DecisionAsync(betaGate, pdq: fromBeta, cancellationToken: Ct)).ShouldBe("block");
    }

    [Fact]
    public async Task Feed_ConsentFromTheRequestBody_OnlyConsentedRemovalIsPublished()
    {
        // Given two requests filed through the public API, only the first ticking consent to sharing
        await using ExchangeHost alpha = await ExchangeHost.StartAsync("alpha", FeedSignature.CreateKeyPair().PrivateKeyPem, Ct);
        using HttpClient anonymous = alpha.Anonymous();
        string consented = await FileRequestAsync(anonymous, shareConsent: true);
        string notConsented = await FileRequestAsync(anonymous, shareConsent: false);

        // When both are removed (their hashes banked)
        await BankAsync(alpha, consented, StopNciiExchangeTests.Pdq(201));
        await BankAsync(alpha, notConsented, StopNciiExchangeTests.Pdq(202));

        // Then the feed carries the consented removal's hash only
        using HttpClient partner = alpha.WithKey(alpha.CheckKey);
        string body = await partner.GetStringAsync("api/v1/exchange/feed?after=0&limit=100", Ct);
        body.ShouldContain(StopNciiExchangeTests.Pdq(201));
        body.ShouldNotContain(StopNciiExchangeTests.Pdq(202));
    }

    private static async Task<string> FileRequestAsync(HttpClient anonymous, bool shareConsent)
    {
        HttpResponseMessage response = await anonymous.PostAsJsonAsync("api/v1/requests", new
        {
            signatureName = "R", signatureAttested = true, locations = new[] { "https://example.org/p/" + Guid.NewGuid().ToString("N") },
            goodFaithStatement = "Published without my consent.", goodFaithAttested = true, contactEmail = "r@example.org", shareConsent,
        }, Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("caseNumber").GetString()!;
    }

    private static async Task BankAsync(ExchangeHost host, string caseNumber, string pdq)
    {
        await using ITakedownSession session = await host.Store.BeginAsync(write: true, Ct);
        CaseRecord c = (await session.GetCaseAsync(caseNumber, Ct))!;
        await session.InsertBankEntryAsync(c.Id, caseNumber, null, HashKind.Pdq, pdq, 100, host.Time.GetUtcNow(), Ct);
        await session.CommitAsync(Ct);
    }

    [Fact]
    public async Task Feed_WithoutApiKey_IsRefusedAndPagesCarryNoCaseNumbers()
    {
        await using ExchangeHost alpha = await ExchangeHost.StartAsync("alpha", FeedSignature.CreateKeyPair().PrivateKeyPem, Ct);
        await RemovedCaseAsync(alpha, "TD-SECRET-1", StopNciiExchangeTests.Pdq(5));
        await ConsentAsync(alpha, "TD-SECRET-1", consent: true);
        using HttpClient anonymous = alpha.Anonymous();
        using HttpClient partner = alpha.WithKey(alpha.CheckKey);

        (await anonymous.GetAsync("api/v1/exchange/feed", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        HttpResponseMessage page = await partner.GetAsync("api/v1/exchange/feed?after=0&limit=10", Ct);
        string body = await page.Content.ReadAsStringAsync(Ct);

        page.Headers.GetValues(FeedSignature.HeaderName).Single().ShouldStartWith("ecdsa-p256-sha256=");
        body.ShouldContain(StopNciiExchangeTests.Pdq(5));
        body.ShouldNotContain("TD-SECRET-1");
        body.ShouldNotContain("r@example.org");
    }

    [Fact]
    public async Task Feed_BadSignature_IsRejectedAndEarlierImportsAreKept()
    {
        // Given beta already imported alpha's hash
        await using ExchangeHost alpha = await ExchangeHost.StartAsync("alpha", FeedSignature.CreateKeyPair().PrivateKeyPem, Ct);
        await using ExchangeHost beta = await ExchangeHost.StartAsync("beta", null, Ct);
        await SubscribeAsync(beta, "FROM_ALPHA", alpha, "alpha");
        await RemovedCaseAsync(alpha, "TD-1", StopNciiExchangeTests.Pdq(1));
        await ConsentAsync(alpha, "TD-1", consent: true);
        (await SyncAsync(beta, "FROM_ALPHA")).Error.ShouldBeNull();

        // When alpha's key is swapped (an impostor signs the pages) and new hashes arrive
        await SubscribeAsync(beta, "IMPOSTOR", alpha, "alpha", publicKey: FeedSignature.CreateKeyPair().PublicKeyPem);
        ExchangeSyncResult bad = await SyncAsync(beta, "IMPOSTOR");

        // Then the sync is rejected with a clear error and beta still blocks what it had
        bad.Error.ShouldBe("rejected page 1: bad feed signature: the page was not signed by the subscribed publisher's key or was altered");
        using HttpClient gate = beta.WithKey(beta.CheckKey);
        (await CheckClient.DecisionAsync(gate, pdq: StopNciiExchangeTests.Pdq(1), cancellationToken: Ct)).ShouldBe("block");
    }
}
