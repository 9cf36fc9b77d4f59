using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Takedown.Server.Tests.Exchange;

namespace Takedown.Server.Tests.Hma;

/// <summary>Drives the HMA-shaped endpoints the way HMA's documentation and examples do, and expects HMA's answers.</summary>
public sealed class HmaCompatibilityTests
{
    private const string Hash = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    // One bit flipped: within HMA's PDQ threshold of 31.
    private const string Near = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b23";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Json)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Canon(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task CurateAndMatch_AsHmaDocumentsIt_GivesHmaAnswers()
    {
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        using HttpClient curator = host.WithKey(host.ModeratorKey);
        using HttpClient matcher = host.WithKey(host.CheckKey);

        // Liveness
        (await host.Anonymous().GetStringAsync("status", Ct)).ShouldBe("I-AM-ALIVE");

        // Add a bank
        (HttpStatusCode status, string json) = await SendAsync(curator, HttpMethod.Post, "c/banks", new { name = "TEST_BANK" });
        status.ShouldBe(HttpStatusCode.Created);
        Canon(json).ShouldBe("""{"name":"TEST_BANK","matching_enabled_ratio":1}""");
        (await SendAsync(curator, HttpMethod.Post, "c/banks", new { name = "TEST_BANK" })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (status, json) = await SendAsync(curator, HttpMethod.Post, "c/banks", new { name = "lower" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(json).RootElement.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
        Canon((await SendAsync(curator, HttpMethod.Get, "c/banks")).Json).ShouldBe("""[{"name":"TEST_BANK","matching_enabled_ratio":1}]""");

        // Add content by hash
        (status, json) = await SendAsync(curator, HttpMethod.Post, "c/bank/TEST_BANK/signal", new { pdq = Hash });
        status.ShouldBe(HttpStatusCode.OK);
        long id = JsonDocument.Parse(json).RootElement.GetProperty("id").GetInt64();
        Canon(json).ShouldBe($$$"""{"id":{{{id}}},"signals":{"pdq":"{{{Hash}}}"}}""");
        (await SendAsync(curator, HttpMethod.Post, "c/bank/TEST_BANK/signal", new { pdq = "abc" })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await SendAsync(curator, HttpMethod.Post, "c/bank/NO_BANK/signal", new { pdq = Hash })).Status.ShouldBe(HttpStatusCode.NotFound);

        // Raw lookup, with and without distances
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/raw_lookup?signal_type=pdq&signal={Hash}")).Json).ShouldBe($$"""{"matches":[{{id}}]}""");
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/raw_lookup?signal_type=pdq&signal={Near}&include_distance=true")).Json)
            .ShouldBe($$"""{"matches":[{"bank_content_id":{{id}},"distance":"1"}]}""");
        (await SendAsync(matcher, HttpMethod.Get, "m/raw_lookup?signal_type=pdq&signal=zz")).Status.ShouldBe(HttpStatusCode.BadRequest);

        // Lookup, bank filter, no match
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/lookup?signal_type=pdq&signal={Near}")).Json)
            .ShouldBe($$"""{"TEST_BANK":[{"bank_content_id":{{id}},"distance":"1"}]}""");
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/lookup?signal_type=pdq&signal={Near}&banks=OTHER")).Json).ShouldBe("{}");
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/lookup?signal_type=pdq&signal={new string('0', 64)}")).Json).ShouldBe("{}");

        // Compare
        Canon((await SendAsync(matcher, HttpMethod.Post, "m/compare", new { pdq = new[] { Hash, Near } })).Json).ShouldBe("""{"pdq":[true,{"distance":1}]}""");

        // Content config, disable, delete
        Canon((await SendAsync(curator, HttpMethod.Get, $"c/bank/TEST_BANK/content/{id}?include_signals=true")).Json)
            .ShouldBe($$"""{"id":{{id}},"disable_until_ts":1,"original_media_uri":null,"bank":{"name":"TEST_BANK","matching_enabled_ratio":1},"signals":{"pdq":"{{Hash}}"},"metadata":null}""");
        (await SendAsync(curator, HttpMethod.Put, $"c/bank/TEST_BANK/content/{id}", new { disable_until_ts = 0 })).Status.ShouldBe(HttpStatusCode.OK);
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/lookup?signal_type=pdq&signal={Hash}")).Json).ShouldBe("{}");
        (await SendAsync(curator, HttpMethod.Put, $"c/bank/TEST_BANK/content/{id}", new { disable_until_ts = 1 })).Status.ShouldBe(HttpStatusCode.OK);
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/lookup?signal_type=pdq&signal={Hash}")).Json).ShouldBe($$"""{"TEST_BANK":[{"bank_content_id":{{id}},"distance":"0"}]}""");
        using (JsonDocument status0 = JsonDocument.Parse((await SendAsync(matcher, HttpMethod.Get, "m/index/status")).Json))
        {
            status0.RootElement.GetProperty("pdq").GetProperty("size").GetInt64().ShouldBe(1);
            status0.RootElement.GetProperty("pdq").GetProperty("present").GetBoolean().ShouldBeTrue();
        }

        Canon((await SendAsync(curator, HttpMethod.Delete, $"c/bank/TEST_BANK/content/{id}")).Json).ShouldBe("""{"deleted":1}""");
        Canon((await SendAsync(matcher, HttpMethod.Get, $"m/raw_lookup?signal_type=pdq&signal={Hash}")).Json).ShouldBe("""{"matches":[]}""");
        Canon((await SendAsync(curator, HttpMethod.Delete, "c/bank/TEST_BANK")).Json).ShouldBe("""{"message":"Done"}""");
        (await SendAsync(curator, HttpMethod.Get, "c/bank/TEST_BANK")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LookupByFile_AsHmaDocumentsIt_FindsTheBankedPhoto()
    {
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        using HttpClient curator = host.WithKey(host.ModeratorKey);
        using HttpClient matcher = host.WithKey(host.CheckKey);
        byte[] photo = TestBitmap.Create(seed: 7);
        await SendAsync(curator, HttpMethod.Post, "c/banks", new { name = "PHOTOS" });

        // Hash it, bank it by file, then look the same file up
        string hashed = await PostFileAsync(matcher, "h/hash", photo);
        string pdq = JsonDocument.Parse(hashed).RootElement.GetProperty("pdq").GetString()!;
        pdq.Length.ShouldBe(64);
        string added = await PostFileAsync(curator, "c/bank/PHOTOS/content", photo);
        long id = JsonDocument.Parse(added).RootElement.GetProperty("id").GetInt64();
        Canon(added).ShouldBe($$$"""{"id":{{{id}}},"signals":{"pdq":"{{{pdq}}}"}}""");
        string found = await PostFileAsync(matcher, "m/lookup", photo);

        Canon(found).ShouldBe($$$"""{"pdq":{"PHOTOS":[{"bank_content_id":{{{id}}},"distance":"0"}]}}""");
        Canon(await PostFileAsync(matcher, "m/lookup", TestBitmap.Create(seed: 8))).ShouldBe("""{"pdq":{}}""");
    }

    [Fact]
    public async Task Endpoints_WithoutKeys_AreRefused()
    {
        await using ExchangeHost host = await ExchangeHost.StartAsync(null, null, Ct);
        using HttpClient anonymous = host.Anonymous();
        using HttpClient gate = host.WithKey(host.CheckKey);

        (await anonymous.GetAsync($"m/raw_lookup?signal_type=pdq&signal={Hash}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("c/banks", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await gate.GetAsync("c/banks", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<string> PostFileAsync(HttpClient client, string path, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/bmp");
        form.Add(file, "photo", "photo.bmp");
        HttpResponseMessage response = await client.PostAsync(path, form, Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return body;
    }
}

/// <summary>Builds 128x128 24-bit BMP images of random 8x8 blocks (high PDQ quality), deterministic per seed.</summary>
internal static class TestBitmap
{
    public static byte[] Create(int seed)
    {
        const int Size = 128;
        int rowBytes = Size * 3;
        byte[] bmp = new byte[54 + (rowBytes * Size)];
        var random = new Random(seed);
        byte[,] blocks = new byte[Size / 8, Size / 8];
        for (int y = 0; y < Size / 8; y++)
        {
            for (int x = 0; x < Size / 8; x++)
            {
                blocks[y, x] = (byte)random.Next(256);
            }
        }

        "BM"u8.CopyTo(bmp);
        BitConverter.TryWriteBytes(bmp.AsSpan(2), bmp.Length);
        BitConverter.TryWriteBytes(bmp.AsSpan(10), 54);
        BitConverter.TryWriteBytes(bmp.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bmp.AsSpan(18), Size);
        BitConverter.TryWriteBytes(bmp.AsSpan(22), Size);
        BitConverter.TryWriteBytes(bmp.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bmp.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(bmp.AsSpan(34), rowBytes * Size);
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                byte v = blocks[y / 8, x / 8];
                int at = 54 + (y * rowBytes) + (x * 3);
                bmp[at] = v;
                bmp[at + 1] = (byte)(255 - v);
                bmp[at + 2] = v;
            }
        }

        return bmp;
    }
}
