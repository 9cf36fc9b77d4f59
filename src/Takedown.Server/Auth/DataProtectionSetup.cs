using Microsoft.AspNetCore.DataProtection;

namespace Takedown.Server.Auth;

/// <summary>
/// ASP.NET Core Data Protection (session and anti-forgery cookies) with its key ring persisted, so a restart keeps
/// staff signed in and several nodes accept each other's cookies: <c>Takedown:DataProtectionKeys</c> names the key
/// directory (shared by all nodes), by default <c>data-protection-keys</c> under the data directory (created 0700).
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>Configuration key of the key directory.</summary>
    public const string DirectorySetting = "Takedown:DataProtectionKeys";

    /// <summary>Default directory name under the data directory.</summary>
    public const string DefaultDirectoryName = "data-protection-keys";

    /// <summary>Application name isolating Takedown's cookies from other apps sharing a key directory.</summary>
    public const string ApplicationName = "Takedown";

    /// <summary>Registers Data Protection; returns the key directory used (null: the framework's default location).</summary>
    public static string? AddTakedownDataProtection(this IServiceCollection services, IConfiguration configuration, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? directory = configuration[DirectorySetting] is { Length: > 0 } configured ? configured
            : dataDirectory is null ? null
            : Path.Combine(dataDirectory, DefaultDirectoryName);
        IDataProtectionBuilder builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (directory is not null)
        {
            directory = Path.GetFullPath(directory);
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            builder.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }

        return directory;
    }
}
