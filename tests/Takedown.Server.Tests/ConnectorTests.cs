using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Takedown.Core.Platform;
using Takedown.Server.Connectors;

namespace Takedown.Server.Tests;

public sealed class ConnectorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "takedown-connector-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("a/../../secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a/./b.jpg")]
    [InlineData("a\\..\\..\\secret.txt")]
    [InlineData("")]
    [InlineData("https://elsewhere.example/content/a.jpg")]
    public async Task FolderConnector_IdLeavingTheRoot_IsRefused(string contentId)
    {
        // Given a secret next to the content root.
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_directory).FullName, "secret.txt"), "secret");
        var connector = new FolderConnector(Path.Combine(_directory, "root"));

        // Then the id resolves to nothing and nothing can be fetched, removed or restored through it.
        connector.ResolveContentId(contentId).ShouldBeNull();
        (await connector.FetchAsync(contentId, Ct)).ShouldBeNull();
        (await connector.RemoveAsync(contentId, Ct)).ShouldBeFalse();
        (await connector.RestoreAsync(contentId, Ct)).ShouldBeFalse();
        File.Exists(Path.Combine(_directory, "secret.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task FolderConnector_SymbolicLinkOutOfTheRoot_IsRefused()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_directory).FullName, "secret.txt"), "secret");
        var connector = new FolderConnector(Path.Combine(_directory, "root"));
        File.CreateSymbolicLink(Path.Combine(connector.Root, "link.txt"), Path.Combine(_directory, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(connector.Root, "dir"), _directory);

        (await connector.FetchAsync("link.txt", Ct)).ShouldBeNull();
        (await connector.FetchAsync("dir/secret.txt", Ct)).ShouldBeNull();
        (await connector.RemoveAsync("dir/secret.txt", Ct)).ShouldBeFalse();
        File.Exists(Path.Combine(_directory, "secret.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task FolderConnector_RemoveAndRestore_MoveThroughQuarantineIdempotently()
    {
        var connector = new FolderConnector(Path.Combine(_directory, "root"));
        Directory.CreateDirectory(Path.Combine(connector.Root, "u"));
        File.WriteAllBytes(Path.Combine(connector.Root, "u", "a.jpg"), [1, 2, 3]);

        connector.ResolveContentId("https://platform.example/content/u/a.jpg").ShouldBe("u/a.jpg");
        (await connector.FetchAsync("u/a.jpg", Ct)).ShouldBe(new byte[] { 1, 2, 3 });
        (await connector.RemoveAsync("u/a.jpg", Ct)).ShouldBeTrue();
        (await connector.RemoveAsync("u/a.jpg", Ct)).ShouldBeTrue();
        (await connector.FetchAsync("u/a.jpg", Ct)).ShouldBeNull();
        connector.IsQuarantined("u/a.jpg").ShouldBeTrue();
        (await ToListAsync(connector.ListAsync(Ct))).ShouldBeEmpty();
        (await connector.RestoreAsync("u/a.jpg", Ct)).ShouldBeTrue();
        (await connector.RestoreAsync("u/a.jpg", Ct)).ShouldBeTrue();
        (await ToListAsync(connector.ListAsync(Ct))).Select(c => c.ContentId).ShouldBe(["u/a.jpg"]);
        (await connector.RemoveAsync("u/missing.jpg", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task WebhookConnector_SignsRetriesAndSendsIdempotencyKeys()
    {
        // Given a platform that fails the first removal with 503 and checks every signature.
        byte[] secret = Encoding.UTF8.GetBytes("shared-secret-for-tests");
        var seen = new ConcurrentQueue<(string Path, string? Key, bool SignatureValid)>();
        int removeCalls = 0;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication platform = builder.Build();
        platform.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            bool valid = WebhookSigner.Verify(secret, context.Request.Headers[WebhookSigner.TimestampHeader], context.Request.Headers[WebhookSigner.SignatureHeader],
                body.ToArray(), TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));
            seen.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), valid));
            await next(context);
        });
        platform.MapGet("/content/{id}", (string id) => id == "a" ? Results.Bytes([9, 9]) : Results.NotFound());
        platform.MapPost("/content/{id}/remove", (string id) => Interlocked.Increment(ref removeCalls) == 1 ? Results.StatusCode(503) : Results.NoContent());
        platform.MapGet("/content", (string? after) => after is null
            ? Results.Json(new { items = new[] { new { contentId = "a", sha256 = "s" } }, next = "p2" })
            : Results.Json(new { items = new[] { new { contentId = "b", pdq = "p" } }, next = (string?)null }));
        await platform.StartAsync(Ct);
        using var http = new HttpClient();
        var connector = new WebhookConnector(http, new Uri(platform.Urls.First()), secret, TimeProvider.System, TimeSpan.FromMilliseconds(5));

        // When
        byte[]? fetched = await connector.FetchAsync("a", Ct);
        byte[]? missing = await connector.FetchAsync("zz", Ct);
        bool removed = await connector.RemoveAsync("a", Ct);
        List<PlatformContent> listed = await ToListAsync(connector.ListAsync(Ct));

        // Then
        fetched.ShouldBe(new byte[] { 9, 9 });
        missing.ShouldBeNull();
        removed.ShouldBeTrue();
        removeCalls.ShouldBe(2);
        listed.Select(c => c.ContentId).ShouldBe(["a", "b"]);
        listed[0].Sha256.ShouldBe("s");
        seen.ShouldAllBe(s => s.SignatureValid);
        seen.Where(s => s.Path.EndsWith("/remove", StringComparison.Ordinal)).Select(s => s.Key).ShouldBe(["remove:a", "remove:a"]);
        WebhookSigner.Verify(secret, "1", "sha256=00", [], TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeFalse();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
