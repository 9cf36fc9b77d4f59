using Takedown.Cli.Hashing;

namespace Takedown.Cli.Tests.Hashing;

/// <summary><c>takedown hash</c> as product.md's command-line contract states it.</summary>
public sealed class HashCommandTests : IDisposable
{
    private const string Q0746 = "reg-test-input/labelme-subset/q0746.jpg";
    private const string Q0746Hash = "1049d96239e24d4dca2c55512b8bdb77425f4dbcf575a0a95555aaab5554aaaa";
    private readonly string _temp = Directory.CreateTempSubdirectory("takedown-cli-hash-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Hash_OneImage_PrintsHashQualityPathLine()
    {
        // Given
        string path = HashCli.Image(Q0746);

        // When
        CliRun run = await HashCli.RunAsync("hash", path);

        // Then: the reference pdq-photo-hasher line, exactly.
        run.ExitCode.ShouldBe(0);
        run.Output.ShouldBe([$"{Q0746Hash},100,{path}"]);
        run.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Hash_Dihedral_EightReferenceLinesInContractOrder()
    {
        // Given
        string path = HashCli.Image("reg-test-input/dih/bridge-1-original.jpg");
        (string[] hashes, int quality) = HashCli.ReferenceRow("bridge-1-original.jpg");

        // When
        CliRun run = await HashCli.RunAsync("hash", "--dihedral", path);

        // Then: original, rot90, rot180, rot270, flipx, flipy, flipplus1, flipminus1.
        run.ExitCode.ShouldBe(0);
        run.Output.ShouldBe(hashes.Select(h => $"{h},{quality},{path}").ToArray());
    }

    [Fact]
    public async Task Hash_FullDecodeOf12MegapixelJpeg_ReferenceHashExactly()
    {
        string path = HashCli.Image("reg-test-input/exif-rotn/exif-rotn-1.jpg");
        (string[] hashes, int quality) = HashCli.ReferenceRow("exif-rotn-1.jpg");

        CliRun run = await HashCli.RunAsync("hash", "--full-decode", path);

        run.Output.ShouldBe([$"{hashes[0]},{quality},{path}"]);
    }

    [Fact]
    public async Task Hash_Directory_RecursiveInOrdinalOrderSkippingNonImages()
    {
        // Given
        string source = HashCli.Image(Q0746);
        string[] relative = ["b.jpg", "A.jpg", "a/z.jpg", "a/b/c.jpg", "_last/x.jpg"];
        foreach (string r in relative)
        {
            string target = Path.Combine(_temp, r);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        File.WriteAllText(Path.Combine(_temp, "a", "notes.txt"), "not an image");

        // When
        CliRun run = await HashCli.RunAsync("hash", _temp);

        // Then: every image once, sorted by ordinal path; the text file is skipped quietly.
        run.ExitCode.ShouldBe(0);
        run.Error.ShouldBeEmpty();
        string[] expected = relative.Select(r => Path.Combine(_temp, r)).Order(StringComparer.Ordinal)
            .Select(p => $"{Q0746Hash},100,{p}").ToArray();
        run.Output.ShouldBe(expected);
    }

    [Fact]
    public async Task Hash_UnreadableAmongGoodFiles_ReasonOnStderrOthersGoOnExitCode1()
    {
        // Given
        string good = HashCli.Image(Q0746);
        string missing = Path.Combine(_temp, "missing.jpg");
        string text = Path.Combine(_temp, "text.jpg");
        File.WriteAllText(text, "hello");
        string truncated = Path.Combine(_temp, "truncated.jpg");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good).AsSpan(0, 2000).ToArray());

        // When
        CliRun run = await HashCli.RunAsync("hash", missing, good, text, truncated, good);

        // Then
        run.ExitCode.ShouldBe(1);
        run.Output.ShouldBe([$"{Q0746Hash},100,{good}", $"{Q0746Hash},100,{good}"]);
        run.Error.Length.ShouldBe(3);
        run.Error[0].ShouldBe($"{missing}: no such file");
        run.Error[1].ShouldStartWith($"{text}: not a recognised image format");
        run.Error[2].ShouldStartWith($"{truncated}: corrupt or truncated image");
    }

    [Fact]
    public async Task Hash_StandardInput_PrintsDashAsPath()
    {
        // Given
        byte[] bytes = File.ReadAllBytes(HashCli.Image(Q0746));
        using IDisposable _ = StandardInput.Override(() => new MemoryStream(bytes));

        // When
        CliRun run = await HashCli.RunAsync("hash", "-");

        // Then
        run.ExitCode.ShouldBe(0);
        run.Output.ShouldBe([$"{Q0746Hash},100,-"]);
    }

    [Fact]
    public async Task Hash_EmptyStandardInput_ErrorExitCode1()
    {
        using IDisposable _ = StandardInput.Override(() => new MemoryStream());

        CliRun run = await HashCli.RunAsync("hash", "-");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe(["-: empty input (0 bytes)"]);
    }

    [Fact]
    public async Task Hash_ManyFilesInParallel_SameOrderAsOneJob()
    {
        // Given: the whole reference image tree (39 files, different sizes, so completion order varies).
        string tree = Path.Combine(HashCli.ReferenceDirectory, "images");

        // When
        CliRun parallel = await HashCli.RunAsync("hash", "--jobs", "2", tree);
        CliRun serial = await HashCli.RunAsync("hash", "--jobs", "1", tree);

        // Then
        parallel.ExitCode.ShouldBe(0);
        parallel.Output.Length.ShouldBe(39);
        parallel.Output.ShouldBe(serial.Output);
        parallel.Output.Select(l => l.Split(',')[2]).ShouldBe(parallel.Output.Select(l => l.Split(',')[2]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Hash_MaxMegapixelsBelowImage_RefusedWithReason()
    {
        string path = HashCli.Image(Q0746);

        CliRun run = await HashCli.RunAsync("hash", "--max-megapixels", "0.05", path);

        run.ExitCode.ShouldBe(1);
        run.Output.ShouldBeEmpty();
        run.Error.ShouldBe([$"{path}: image is 256x256 (0.1 megapixels), above the limit of 0.1 megapixels"]);
    }

    [Fact]
    public async Task Hash_InvalidMaxMegapixels_ParseError()
    {
        CliRun run = await HashCli.RunAsync("hash", "--max-megapixels", "0", HashCli.Image(Q0746));

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldNotContain(l => l.Contains(",100,", StringComparison.Ordinal));
        string.Join("\n", run.Error).ShouldContain("--max-megapixels must be greater than 0");
    }

    [Fact]
    public async Task Hash_NoPaths_ParseError()
    {
        CliRun run = await HashCli.RunAsync("hash");

        run.ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task Hash_ApplyOrientation_RotatesTaggedImage()
    {
        // Given: exif-rotn-6 is stored sideways with orientation 6.
        string path = HashCli.Image("reg-test-input/exif-rotn/exif-rotn-6.jpg");

        // When
        CliRun stored = await HashCli.RunAsync("hash", "--full-decode", path);
        CliRun upright = await HashCli.RunAsync("hash", "--full-decode", "--apply-orientation", path);

        // Then: as stored, the reference hash; upright, a different one.
        stored.Output.ShouldBe([$"{HashCli.ReferenceRow("exif-rotn-6.jpg").Hashes[0]},100,{path}"]);
        upright.ExitCode.ShouldBe(0);
        upright.Output[0].ShouldNotBe(stored.Output[0]);
    }
}
