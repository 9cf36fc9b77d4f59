using System.CommandLine;
using System.Text;
using Takedown.Server.Connectors;
using Takedown.Server.Workflow;

namespace Takedown.Cli.Service;

/// <summary>
/// The storage and platform options that <c>serve</c>, <c>sweep</c> and <c>report</c> share, so the offline commands
/// work on exactly the data directory (or PostgreSQL database) and platform that the service uses.
/// </summary>
internal sealed class ServiceOptions
{
    /// <summary>Data directory (SQLite database, demo platform, notifications).</summary>
    public Option<DirectoryInfo> DataDirectory { get; } = new("--data-dir")
    {
        HelpName = "DIR",
        Description = "Data directory (SQLite database, demo platform, notifications).",
        DefaultValueFactory = _ => new DirectoryInfo("data"),
    };

    /// <summary>PostgreSQL connection string (instead of SQLite).</summary>
    public Option<string?> Postgres { get; } = new("--postgres") { HelpName = "CONNECTION", Description = "PostgreSQL connection string (instead of the SQLite database in --data-dir)." };

    /// <summary>The folder platform.</summary>
    public Option<DirectoryInfo?> PlatformDirectory { get; } = new("--platform-dir")
    {
        HelpName = "DIR",
        Description = "Folder that stands for the platform's content (default: the platform folder in --data-dir).",
    };

    /// <summary>The webhook platform.</summary>
    public Option<Uri?> WebhookUrl { get; } = new("--webhook-url") { HelpName = "URL", Description = "Base URL of the platform's webhook API (instead of the folder platform); needs --webhook-secret." };

    /// <summary>The webhook secret.</summary>
    public Option<string?> WebhookSecret { get; } = new("--webhook-secret") { HelpName = "SECRET", Description = "HMAC secret shared with the platform's webhook API (required with --webhook-url)." };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(DataDirectory);
        command.Options.Add(Postgres);
        command.Options.Add(PlatformDirectory);
        command.Options.Add(WebhookUrl);
        command.Options.Add(WebhookSecret);
    }

    /// <summary>
    /// Resolves the options into a connection, or writes why not to <paramref name="error"/> and returns null.
    /// <paramref name="demoSamples"/> fills an empty folder platform with the demo pictures (serve only).
    /// </summary>
    public ServiceConnection? Open(ParseResult parseResult, string commandName, TextWriter error, bool demoSamples)
    {
        string data = parseResult.GetValue(DataDirectory)!.FullName;
        string? postgres = parseResult.GetValue(Postgres);
        Uri? webhookUrl = parseResult.GetValue(WebhookUrl);
        string? webhookSecret = parseResult.GetValue(WebhookSecret);
        Directory.CreateDirectory(data);
        if (webhookUrl is not null)
        {
            if (string.IsNullOrEmpty(webhookSecret))
            {
                error.WriteLine($"{commandName}: --webhook-url needs --webhook-secret.");
                return null;
            }

            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var webhook = new WebhookConnector(http, webhookUrl, Encoding.UTF8.GetBytes(webhookSecret), TimeProvider.System);
            return new ServiceConnection(data, postgres, webhook, new WebhookNotifier(webhook), $"webhook platform at {webhookUrl}", http);
        }

        string root = parseResult.GetValue(PlatformDirectory)?.FullName ?? Path.Combine(data, "platform");
        string description = $"demo folder platform at {root}";
        if (demoSamples)
        {
            IReadOnlyList<string> samples = Serve.DemoPlatform.EnsureSamples(root);
            description += samples.Count > 0 ? $" ({samples.Count} sample images generated)" : string.Empty;
        }
        else
        {
            Directory.CreateDirectory(root);
        }

        return new ServiceConnection(data, postgres, new FolderConnector(root), new FileNotifier(Path.Combine(data, "notifications.jsonl")), description, null);
    }
}
