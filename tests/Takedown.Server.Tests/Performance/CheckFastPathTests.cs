using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Auth;
using Takedown.Server.Endpoints;
using Takedown.Server.Hosting;
using Takedown.Server.Tests.Support;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Performance;

/// <summary>
/// The <c>/check</c> fast path (<see cref="CheckFastPath"/>) and the API key cache behind it: same answers, same
/// errors as problem+json, revocation honoured at once on this node and within the cache lifetime elsewhere.
/// </summary>
public sealed class CheckFastPathTests
{
    private const string Query = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static DefaultHttpContext CheckCall(string key, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/check";
        context.Request.ContentType = contentType;
        context.Request.Headers.Authorization = "Bearer " + key;
        return context;
    }

    [Fact]
    public async Task AuthenticateFromCache_KeyUsedOnce_IsServedFromCacheUntilRevoked()
    {
        // Given a check key used once (the full pipeline loads it into the cache).
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        ApiKeyCache cache = host.Get<ApiKeyCache>();
        ApiKeyAuthenticationHandler.AuthenticateFromCache(CheckCall(host.CheckKey).Request, cache).ShouldBeNull();
        using HttpClient gate = host.WithKey(host.CheckKey);
        (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Then the fast path finds it verified in the cache, and not a forged key with the same prefix.
        CachedApiKey cached = ApiKeyAuthenticationHandler.AuthenticateFromCache(CheckCall(host.CheckKey).Request, cache).ShouldNotBeNull();
        cached.Principal.HasClaim(Roles.ScopeClaim, Roles.CheckScope).ShouldBeTrue();
        string forged = host.CheckKey[..^4] + "AAAA";
        ApiKeyAuthenticationHandler.AuthenticateFromCache(CheckCall(forged).Request, cache).ShouldBeNull();
        (await host.WithKey(forged).PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void VerifiesHeader_SameInstanceOrSameKey_Accepted_OtherKey_Refused()
    {
        (string key, string prefix) = ApiKeys.Create();
        var cached = new CachedApiKey(new ApiKeyRecord(1, prefix, SecretToken.Hash(key), "gate", [Roles.CheckScope], DateTimeOffset.UnixEpoch, null));
        string header = "Bearer " + key;

        cached.VerifiesHeader(header, header.AsSpan(7)).ShouldBeTrue();
        cached.VerifiesHeader(header, header.AsSpan(7)).ShouldBeTrue(); // remembered by reference
        string copy = new(header.AsSpan());
        cached.VerifiesHeader(copy, copy.AsSpan(7)).ShouldBeTrue(); // another instance: hashed again
        string wrong = "Bearer " + key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        cached.VerifiesHeader(wrong, wrong.AsSpan(7)).ShouldBeFalse();
        cached.VerifiesHeader(wrong, wrong.AsSpan(7)).ShouldBeFalse(); // a refusal is never remembered as verified
    }

    [Fact]
    public void Applies_OnlyJsonPostsToCheck()
    {
        CheckFastPath.Applies(CheckCall("k").Request).ShouldBeTrue();
        CheckFastPath.Applies(CheckCall("k", "application/json; charset=utf-8").Request).ShouldBeTrue();
        CheckFastPath.Applies(CheckCall("k", "image/jpeg").Request).ShouldBeFalse();
        CheckFastPath.Applies(CheckCall("k", "application/json; charset=latin1").Request).ShouldBeFalse();
        DefaultHttpContext get = CheckCall("k");
        get.Request.Method = "GET";
        CheckFastPath.Applies(get.Request).ShouldBeFalse();
        DefaultHttpContext other = CheckCall("k");
        other.Request.Path = "/api/v1/requests";
        CheckFastPath.Applies(other.Request).ShouldBeFalse();
    }

    [Fact]
    public async Task Check_KeyRevokedThroughAdminApi_IsRefusedOnTheNextRequest()
    {
        // Given a check key created through the admin API and answered from the cache.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient admin = host.WithKey(host.AdminKey);
        CreatedApiKey created = await (await admin.PostAsJsonAsync("api/v1/admin/api-keys", new CreateApiKeyBody("gate", [Roles.CheckScope]), Ct)).ReadAsync<CreatedApiKey>(Ct);
        using HttpClient gate = host.WithKey(created.Key);
        for (int i = 0; i < 3; i++)
        {
            (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // When it is revoked, then the very next check is refused (no cache lifetime to wait out on this node).
        (await admin.DeleteAsync($"api/v1/admin/api-keys/{created.Id}", Ct)).IsSuccessStatusCode.ShouldBeTrue();
        HttpResponseMessage refused = await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Check_KeyRevokedByAnotherNode_IsRefusedOnceTheCacheLifetimeHasPassed()
    {
        // Given a check key in this node's cache.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);
        (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // When another node revokes it (straight in the shared store, this node's cache not told).
        string prefix = ApiKeys.PrefixOf(host.CheckKey)!;
        await using (ITakedownSession s = await host.Get<ITakedownStore>().BeginAsync(write: true, Ct))
        {
            ApiKeyRecord key = (await s.ListApiKeysAsync(Ct)).Single(k => k.Prefix == prefix);
            (await s.RevokeApiKeyAsync(key.Id, host.Time.GetUtcNow(), Ct)).ShouldBeTrue();
            await s.CommitAsync(Ct);
        }

        // Then it still works within the documented lifetime, and is refused once the lifetime has passed.
        (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        host.Time.Advance(ApiKeyCache.Lifetime);
        (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Check_KeyWithoutCheckScope_IsForbiddenEveryTime()
    {
        // Given a moderator key (no check scope), once loaded into the cache and once with the policy's verdict cached.
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient moderator = host.WithKey(host.ModeratorKey);
        for (int i = 0; i < 3; i++)
        {
            HttpResponseMessage response = await moderator.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        ApiKeyAuthenticationHandler.AuthenticateFromCache(CheckCall(host.ModeratorKey).Request, host.Get<ApiKeyCache>()).ShouldNotBeNull().CheckAccess.ShouldBe(false);
    }

    [Fact]
    public async Task Check_JsonBodyOverTheLimitOnFastPath_Returns413ProblemJson()
    {
        // Given a 64 KiB body limit and a check key already cached (so the fast path takes the call).
        await using ServiceHost host = await ServiceHost.StartAsync(o => o.MaxMediaBytes = 64 * 1024, Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);
        for (int i = 0; i < 2; i++)
        {
            // The first call loads the key (full pipeline), the second records the check policy's verdict (fast path).
            (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        ApiKeyAuthenticationHandler.AuthenticateFromCache(CheckCall(host.CheckKey).Request, host.Get<ApiKeyCache>())!.CheckAccess.ShouldBe(true);

        // When a JSON body over the limit is sent, declared and undeclared (chunked).
        string big = $"{{\"pdq\":\"{Query}\",\"contentId\":\"{new string('x', 70 * 1024)}\"}}";
        HttpResponseMessage declared = await gate.PostAsync("api/v1/check", Json(big), Ct);
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        HttpResponseMessage undeclared = await gate.PostAsync("api/v1/check", chunked, Ct);

        // Then both are refused with 413 problem+json (Kestrel's body limit, raised while the fast path reads the pipe).
        foreach (HttpResponseMessage response in new[] { declared, undeclared })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"pdq\":\"nothex\"}", "pdq must be 64 hexadecimal digits.")]
    [InlineData("{\"pdq\":", "The body is not valid JSON for /check.")]
    [InlineData("{\"pdq\":\"" + Query + "\"} {}", "The body is not valid JSON for /check.")]
    [InlineData("", "Empty body.")]
    [InlineData("null", "Empty body.")]
    [InlineData("{}", "Give at least one of pdq, md5 or sha256 (or upload the media).")]
    public async Task Check_InvalidJsonBody_Returns400ProblemJson(string body, string detail)
    {
        await using ServiceHost host = await ServiceHost.StartAsync(cancellationToken: Ct);
        using HttpClient gate = host.WithKey(host.CheckKey);
        (await gate.PostAsync("api/v1/check", Json($"{{\"pdq\":\"{Query}\"}}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        HttpResponseMessage response = await gate.PostAsync("api/v1/check", Json(body), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("detail").GetString().ShouldBe(detail);
    }

    [Fact]
    public async Task Write_Answers_AreWhatTheSerializerWrites_WithContentLength()
    {
        CheckResult review = new("review", [new CheckMatch("TD-1", "pdq", 12), new CheckMatch("TD-2", "vpdq", 0, 90.5, 100)]);
        foreach (CheckResult answer in new[] { CheckService.Allow, review, CheckService.Allow, review })
        {
            var context = new DefaultHttpContext();
            var body = new MemoryStream();
            context.Response.Body = body;
            CheckJsonIo.Write(context.Response, answer);
            await context.Response.BodyWriter.FlushAsync(Ct);

            byte[] expected = JsonSerializer.SerializeToUtf8Bytes(answer, CheckJsonContext.Default.CheckResult);
            body.ToArray().ShouldBe(expected);
            context.Response.ContentLength.ShouldBe(expected.Length);
            context.Response.ContentType.ShouldBe("application/json; charset=utf-8");
        }
    }

    [Fact]
    public void Parse_SplitAcrossSegments_ReadsTheWholeBody()
    {
        // The pipe hands the body over in segments; the reader must not care where they split.
        byte[] json = Encoding.UTF8.GetBytes($"{{\"PDQ\":\"{Query}\",\"contentId\":\"c-1\",\"extra\":[1,2]}}");
        for (int split = 1; split < json.Length; split += 7)
        {
            CheckBody body = CheckJsonIo.Parse(Segments(json, split));
            body.Pdq.ShouldBe(Query);
            body.ContentId.ShouldBe("c-1");
        }
    }

    private static ReadOnlySequence<byte> Segments(byte[] data, int split)
    {
        var first = new Segment(data.AsMemory(0, split), 0);
        Segment last = first.Append(data.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
