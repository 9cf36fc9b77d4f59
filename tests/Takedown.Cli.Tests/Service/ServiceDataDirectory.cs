using Takedown.Core.Cases;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Data.Sql;

namespace Takedown.Cli.Tests.Service;

/// <summary>A temporary data directory laid out as <c>takedown serve</c> leaves it (SQLite database, folder platform).</summary>
internal sealed class ServiceDataDirectory : IAsyncDisposable
{
    public ServiceDataDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "takedown-cli-service", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Platform => Path.Combine(Root, "platform");

    public string Quarantine => Platform + ".quarantine";

    /// <summary>Opens the data directory's store with migrations applied.</summary>
    public async Task<SqliteTakedownStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var store = new SqliteTakedownStore(Path.Combine(Root, "takedown.db"));
        await store.MigrateAsync(cancellationToken);
        return store;
    }

    /// <summary>Inserts a case with the given status.</summary>
    public static Task<CaseRecord> InsertCaseAsync(ITakedownSession session, CaseStatus status, DateTimeOffset at, CancellationToken cancellationToken) =>
        session.InsertCaseAsync(new NewCase(CaseNumber.Create(), status, "US", at, at.AddHours(48), null, SecretToken.Hash("t"), new Takedown.Core.Requests.RemovalRequest(), "[]"), cancellationToken);

    /// <summary>Runs the CLI in-process; returns exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await TakedownCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string directory in new[] { Root, Quarantine })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return ValueTask.CompletedTask;
    }
}
