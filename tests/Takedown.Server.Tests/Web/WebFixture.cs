using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Takedown.Data.Sql;
using Takedown.Server.Auth;
using Takedown.Server.Connectors;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Server.Tests.Web;

/// <summary>
/// One real service (Kestrel on 127.0.0.1, random port, temporary SQLite file, a folder standing for the platform with
/// a few reference images) and one headless Chromium, shared by the browser tests of a class.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>Password of the seeded staff accounts.</summary>
    public const string Password = "correct horse battery staple";

    private string _directory = "";
    private IPlaywright? _playwright;

    /// <summary>The running service.</summary>
    public TakedownServer Server { get; private set; } = default!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Base URL, without a trailing slash.</summary>
    public string BaseUrl => Server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>The platform folder (content ids are file names).</summary>
    public string PlatformFolder => Path.Combine(_directory, "platform");

    /// <summary>The shared reference data (<c>&lt;repo&gt;/../shared/reference/pdq</c>).</summary>
    public static string ReferencePdq { get; } = FindReference();

    /// <summary>Where screenshots go: <c>TAKEDOWN_SCREENSHOTS</c> or <c>TestResults/screenshots</c> next to the tests.</summary>
    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("TAKEDOWN_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Notifications the service sent.</summary>
    public ConcurrentQueue<(string Topic, string Json)> Notifications { get; } = new();

    /// <summary>A service from the container.</summary>
    public T Get<T>()
        where T : notnull => Server.Services.GetRequiredService<T>();

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("takedown-web-tests").FullName;
        Directory.CreateDirectory(PlatformFolder);
        foreach (string image in new[] { "reg-test-input/dih/bridge-1-original.jpg", "bridge-mods/aaa-orig.jpg" })
        {
            File.Copy(Path.Combine(ReferencePdq, "images", image), Path.Combine(PlatformFolder, Path.GetFileName(image)));
        }

        var settings = new TakedownServerSettings
        {
            Store = () => new SqliteTakedownStore(Path.Combine(_directory, "takedown.db")),
            Connector = new FolderConnector(PlatformFolder),
            Notifier = new RecordingNotifier(Notifications),
            Configure = o =>
            {
                o.RunJobs = false;
                o.PublicPermitsPerMinute = 10_000;
            },
        };
        settings.Urls.Clear();
        settings.Urls.Add("http://127.0.0.1:0");
        Server = await TakedownServer.StartAsync(settings, CancellationToken.None);
        await Server.EnsureUserAsync("mod", Password, Roles.Moderator, CancellationToken.None);
        await Server.EnsureUserAsync("admin", Password, Roles.Admin, CancellationToken.None);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser context (own cookies) at phone or desktop size.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? Phone : Desktop,
            AcceptDownloads = true,
        });
        // Generous: CI runs these beside other test classes on 2 cores (a login hashes a password with PBKDF2).
        context.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>Desktop viewport.</summary>
    public static ViewportSize Desktop => new() { Width = 1280, Height = 800 };

    /// <summary>Phone viewport.</summary>
    public static ViewportSize Phone => new() { Width = 390, Height = 844 };

    /// <summary>Saves full-page screenshots of the current page at desktop and phone widths; fails if the page scrolls sideways.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        PageViewportSizeResult? original = page.ViewportSize;
        foreach ((string suffix, ViewportSize size) in new[] { ("desktop", Desktop), ("phone", Phone) })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"))
                .ShouldBeTrue($"{name} is wider than the {suffix} viewport (horizontal scrolling)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-{suffix}.png"), FullPage = true });
        }

        if (original is not null)
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }

    /// <summary>Signs in through the login page.</summary>
    public static async Task SignInAsync(IPage page, string username)
    {
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        // Wait for the redirect away from the login page, not for the login page's own (already fired) load event.
        await WaitForPageAsync(page, url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Waits until the page's URL satisfies <paramref name="matches"/> and its document is parsed (<c>readyState</c>
    /// interactive or complete), by asking the page itself every 50 ms. Playwright's <c>WaitForURLAsync</c> (which ends in
    /// <c>WaitForLoadStateAsync</c>) can miss a load event that arrives while it subscribes: CI runs under load timed out
    /// after 60 s with "NetworkIdle event fired" in the log, on a page that had loaded.
    /// </summary>
    public static async Task WaitForPageAsync(IPage page, Func<string, bool> matches)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (matches(page.Url))
            {
                try
                {
                    if (await page.EvaluateAsync<string>("document.readyState") is "interactive" or "complete")
                    {
                        return;
                    }
                }
                catch (PlaywrightException)
                {
                    // The document was being replaced (a navigation in flight): ask again.
                }
            }

            if (clock.Elapsed > PageTimeout)
            {
                throw new TimeoutException($"No page matching the expected URL within {PageTimeout.TotalSeconds} s; last URL {page.Url}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>How long browser steps may take (CI runs these beside other test classes on 2 cores).</summary>
    public static TimeSpan PageTimeout => TimeSpan.FromSeconds(60);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned up by the system.
        }
    }

    private static string FindReference()
    {
        // From the test assembly (default artifacts folder) or, for builds with their own artifacts path, from this
        // source file's location.
        string? dir = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Path.GetDirectoryName(SourceFile()));

        string reference = Path.GetFullPath(Path.Combine(dir ?? throw new InvalidOperationException("Repository root (Takedown.slnx) not found above the test assembly."), "..", "shared", "reference", "pdq"));
        return Directory.Exists(reference)
            ? reference
            : throw new InvalidOperationException($"Reference data missing: {reference} (the tests read <repo>/../shared/reference).");
    }

    private static string? FindRoot(string? dir)
    {
        while (dir is not null && !File.Exists(Path.Combine(dir, "Takedown.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir;
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private sealed class RecordingNotifier(ConcurrentQueue<(string Topic, string Json)> sent) : INotifier
    {
        public Task NotifyAsync(string topic, string json, string idempotencyKey, CancellationToken cancellationToken)
        {
            sent.Enqueue((topic, json));
            return Task.CompletedTask;
        }
    }
}
