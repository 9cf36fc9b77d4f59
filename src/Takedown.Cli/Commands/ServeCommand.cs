using System.CommandLine;
using System.Text;
using Takedown.Cli.Serve;
using Takedown.Core.Platform;
using Takedown.Data;
using Takedown.Data.Sql;
using Takedown.Server.Auth;
using Takedown.Server.Connectors;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown serve</c>: runs the service. By default on http://127.0.0.1:5080 with SQLite under ./data and a demo
/// platform (a folder of generated sample pictures). Prints the URLs and, on first start, an admin login.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Environment variable that sets the first admin's password (otherwise a random one is printed once).</summary>
    public const string AdminPasswordVariable = "TAKEDOWN_ADMIN_PASSWORD";

    public static Command Create()
    {
        var urlsOption = new Option<string>("--urls") { Description = "Listen URLs, separated by ';'.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var dataOption = new Option<DirectoryInfo>("--data-dir") { Description = "Data directory (SQLite database, demo platform, notifications).", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var postgresOption = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (instead of SQLite)." };
        var platformOption = new Option<DirectoryInfo?>("--platform-dir") { Description = "Folder that stands for the platform (default: DATA/platform, filled with sample images)." };
        var webhookOption = new Option<Uri?>("--webhook-url") { Description = "Base URL of the platform's webhook API (instead of the folder platform)." };
        var secretOption = new Option<string?>("--webhook-secret") { Description = "HMAC secret shared with the platform's webhook API." };
        var command = new Command("serve", "Run the Takedown service (REST API, background jobs).")
        {
            urlsOption, dataOption, postgresOption, platformOption, webhookOption, secretOption,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(urlsOption)!,
            parseResult.GetValue(dataOption)!,
            parseResult.GetValue(postgresOption),
            parseResult.GetValue(platformOption),
            parseResult.GetValue(webhookOption),
            parseResult.GetValue(secretOption),
            parseResult.UnmatchedTokens,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        TextWriter output, TextWriter error, string urls, DirectoryInfo dataDirectory, string? postgres, DirectoryInfo? platformDirectory,
        Uri? webhookUrl, string? webhookSecret, IReadOnlyList<string> extraArgs, CancellationToken cancellationToken)
    {
        string data = dataDirectory.FullName;
        Directory.CreateDirectory(data);
        IPlatformConnector connector;
        INotifier notifier;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string platformDescription;
        if (webhookUrl is not null)
        {
            if (string.IsNullOrEmpty(webhookSecret))
            {
                await error.WriteLineAsync("serve: --webhook-url needs --webhook-secret.");
                return 2;
            }

            var webhook = new WebhookConnector(http, webhookUrl, Encoding.UTF8.GetBytes(webhookSecret), TimeProvider.System);
            connector = webhook;
            notifier = new WebhookNotifier(webhook);
            platformDescription = $"webhook platform at {webhookUrl}";
        }
        else
        {
            string root = platformDirectory?.FullName ?? Path.Combine(data, "platform");
            IReadOnlyList<string> samples = DemoPlatform.EnsureSamples(root);
            connector = new FolderConnector(root);
            notifier = new FileNotifier(Path.Combine(data, "notifications.jsonl"));
            platformDescription = $"demo folder platform at {root}" + (samples.Count > 0 ? $" ({samples.Count} sample images generated)" : string.Empty);
        }

        var settings = new TakedownServerSettings
        {
            Store = () => postgres is null ? new SqliteTakedownStore(Path.Combine(data, "takedown.db")) : new PostgresTakedownStore(postgres),
            Connector = connector,
            Notifier = notifier,
        };
        settings.Urls.Clear();
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            settings.Urls.Add(url);
        }

        foreach (string arg in extraArgs)
        {
            settings.Args.Add(arg);
        }

        await using TakedownServer server = await TakedownServer.StartAsync(settings, cancellationToken);
        if (!await server.HasUsersAsync(cancellationToken))
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(AdminPasswordVariable);
            string password = string.IsNullOrEmpty(fromEnvironment) ? PasswordHasher.RandomPassword() : fromEnvironment;
            await server.EnsureUserAsync("admin", password, Roles.Admin, cancellationToken);
            await output.WriteLineAsync(string.IsNullOrEmpty(fromEnvironment)
                ? $"First start: admin login is 'admin' with password {password} (shown only now)."
                : $"First start: admin login is 'admin' with the password from {AdminPasswordVariable}.");
        }

        string storage = postgres is null ? $"SQLite {Path.Combine(data, "takedown.db")}" : "PostgreSQL";
        await output.WriteLineAsync($"Takedown is running ({storage}; {platformDescription}).");
        foreach (string address in server.Addresses)
        {
            await output.WriteLineAsync($"  API:      {address}/api/v1   (OpenAPI: {address}/openapi/v1.json)");
            await output.WriteLineAsync($"  Health:   {address}/healthz");
        }

        await output.FlushAsync(cancellationToken);
        try
        {
            await server.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: shut down below.
        }

        return 0;
    }
}
