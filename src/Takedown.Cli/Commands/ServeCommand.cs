using System.CommandLine;
using Takedown.Cli.Service;
using Takedown.Server.Auth;
using Takedown.Server.Hosting;

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
        var urlsOption = new Option<string>("--urls")
        {
            HelpName = "URLS",
            Description = "Listen URLs (http or https, host and port), separated by ';'.",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var service = new ServiceOptions();
        var command = new Command(
            "serve",
            "Run the Takedown service (REST API, staff and requester pages, background jobs) until Ctrl+C; prints its URLs and, on first start, " +
            "the admin login. Further arguments override its configuration, e.g. --Takedown:BlockDistance=8.") { urlsOption };
        service.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, service, parseResult.GetValue(urlsOption)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, ServiceOptions service, string urls, CancellationToken cancellationToken)
    {
        TextWriter output = parseResult.InvocationConfiguration.Output;
        TextWriter error = parseResult.InvocationConfiguration.Error;
        using ServiceConnection? connection = service.Open(parseResult, "serve", error, demoSamples: true);
        if (connection is null)
        {
            return 2;
        }

        // The first admin is created before the port opens, so a login right after /healthz answers works.
        string? fromEnvironment = Environment.GetEnvironmentVariable(AdminPasswordVariable);
        string adminPassword = string.IsNullOrEmpty(fromEnvironment) ? PasswordHasher.RandomPassword() : fromEnvironment;
        TakedownServerSettings settings = connection.CreateSettings(new InitialUser("admin", adminPassword, Roles.Admin));
        settings.Urls.Clear();
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            settings.Urls.Add(url);
        }

        foreach (string arg in parseResult.UnmatchedTokens)
        {
            settings.Args.Add(arg);
        }

        await using TakedownServer server = await TakedownServer.StartAsync(settings, cancellationToken);
        if (server.CreatedInitialUser)
        {
            await output.WriteLineAsync(string.IsNullOrEmpty(fromEnvironment)
                ? $"First start: admin login is 'admin' with password {adminPassword} (shown only now)."
                : $"First start: admin login is 'admin' with the password from {AdminPasswordVariable}.");
        }

        await output.WriteLineAsync($"Takedown is running ({connection.StorageDescription}; {connection.PlatformDescription}).");
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
