using System.CommandLine;
using System.Reflection;

namespace Takedown.Cli.Commands;

/// <summary><c>takedown info</c>: prints the version and the native libraries in use.</summary>
internal static class VersionInfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Print the Takedown version, the .NET version and the operating system.");
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            string version = typeof(VersionInfoCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            output.WriteLine($"takedown {version}");
            output.WriteLine($".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
            return 0;
        });
        return command;
    }
}
