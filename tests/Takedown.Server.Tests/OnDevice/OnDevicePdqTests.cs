using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using NetVips;

namespace Takedown.Server.Tests.OnDevice;

/// <summary>
/// The request form's on-device PDQ (wwwroot/js/pdq.js) must give the reference's exact hash and quality from
/// the same pixels, so a hash made in the victim's browser matches the server's. Runs the module under Node.js.
/// </summary>
public sealed class OnDevicePdqTests
{
    [Fact]
    public async Task PdqJs_ReferencePixels_BitIdenticalToReference()
    {
        // Given every reference image's exact pixels, written raw for the harness
        string reference = Path.Combine(RepositoryRoot(), "..", "shared", "reference", "pdq");
        Assert.True(Directory.Exists(reference), $"Reference data missing: {reference} (the tests read ../shared/reference).");
        string work = Directory.CreateTempSubdirectory("pdqjs").FullName;
        var expected = new List<(string File, string Hash, int Quality)>();
        var stdin = new System.Text.StringBuilder();
        try
        {
            foreach (string line in File.ReadLines(Path.Combine(reference, "reference-hashes.csv")).Skip(1))
            {
                string[] c = line.Split(',');
                using var image = Image.NewFromFile(Path.Combine(reference, "pixels", c[4]));
                string raw = Path.Combine(work, expected.Count.ToString(CultureInfo.InvariantCulture) + ".raw");
                await File.WriteAllBytesAsync(raw, image.WriteToMemory<byte>(), TestContext.Current.CancellationToken);
                stdin.Append(CultureInfo.InvariantCulture, $"{raw} {image.Width} {image.Height} {image.Bands}\n");
                expected.Add((c[0], c[6], int.Parse(c[5], CultureInfo.InvariantCulture)));
            }

            // When the browser module hashes them
            string[] actual = await RunNodeAsync(stdin.ToString());

            // Then every hash and quality equals the reference's
            actual.Length.ShouldBe(expected.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                actual[i].ShouldBe($"{expected[i].Hash},{expected[i].Quality}", expected[i].File);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string[]> RunNodeAsync(string stdin)
    {
        string root = RepositoryRoot();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(root, "tests", "Takedown.Server.Tests", "OnDevice", "pdq-harness.mjs"));
        start.ArgumentList.Add(Path.Combine(root, "src", "Takedown.Server", "wwwroot", "js", "pdq.js"));
        using Process node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await node.StandardInput.WriteAsync(stdin);
            node.StandardInput.Close();
            Task<string> output = node.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> error = node.StandardError.ReadToEndAsync(timeout.Token);
            await node.WaitForExitAsync(timeout.Token);
            node.ExitCode.ShouldBe(0, await error);
            return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }
    }

    // The source file's own path finds the repository even when the build output lives elsewhere.
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Takedown.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Takedown.slnx not found above " + sourceFile);
    }
}
