using NetVips;
using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;

namespace Takedown.Cli.Tests.Matching;

public sealed class MatchCommandTests
{
    // Two hashes 31 and 32 bits away from Stored: the inclusive boundary of the default threshold.
    private const string Stored = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    private static string FlipLowBits(string hex, int bits)
    {
        PdqHash hash = PdqHash.Parse(hex);
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        return new PdqHash(hash.Word0 ^ mask, hash.Word1, hash.Word2, hash.Word3).ToString();
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await TakedownCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Match_TextBankAndHashList_PrintsMatchesNearestFirstWithInclusiveThreshold()
    {
        // Given
        using var files = new MatchTestFiles();
        string near = FlipLowBits(Stored, 3);
        string bank = files.Write("bank.txt", $"hash,label\n{Stored},case-1\n{near},case-2\n{FlipLowBits(Stored, 40)},case-3\n");
        string queries = files.Write("queries.txt",
            $"{Stored},0,/up/a.jpg\n{FlipLowBits(Stored, 31)},90,/up/b.jpg\n{FlipLowBits(Stored, 34)},90,/up/c.jpg\n");

        // When
        (int code, string output, string error) = await Run("match", "--bank", bank, "--hashes", queries);

        // Then: case-2 is 3 low bits off, case-3 40; b.jpg is exactly 31 from case-1 (matches), c.jpg 34 (does not).
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        Lines(output).ShouldBe([
            "/up/a.jpg,case-1,0", "/up/a.jpg,case-2,3",
            "/up/b.jpg,case-3,9", "/up/b.jpg,case-2,28", "/up/b.jpg,case-1,31",
            "/up/c.jpg,case-3,6", "/up/c.jpg,case-2,31",
        ]);
    }

    [Fact]
    public async Task Match_ThresholdOption_OverridesTheBank()
    {
        using var files = new MatchTestFiles();
        string bank = files.Write("bank.txt", $"{Stored},case-1\n");
        string queries = files.Write("q.txt", $"{FlipLowBits(Stored, 32)},q32\n{FlipLowBits(Stored, 10)},q10\n");

        (int _, string byDefault, string _) = await Run("match", "--bank", bank, "--hashes", queries);
        (int _, string strict, string _) = await Run("match", "--bank", bank, "--threshold", "5", "--hashes", queries);
        (int _, string loose, string _) = await Run("match", "-b", bank, "-t", "32", "--hashes", queries);

        Lines(byDefault).ShouldBe(["q10,case-1,10"]);
        strict.ShouldBeEmpty();
        Lines(loose).ShouldBe(["q32,case-1,32", "q10,case-1,10"]);
    }

    [Fact]
    public async Task BankBuild_ThenMatch_UsesTheBankFileAndQualityFilter()
    {
        // Given: 'takedown hash' output with one low-quality line, and an HMA list.
        using var files = new MatchTestFiles();
        string low = FlipLowBits(Stored, 64);
        string hashed = files.Write("hashed.csv", $"{Stored},100,/reported/x.jpg\n{low},20,/reported/blurry.jpg\n");
        string hma = files.Write("hma.csv", $"hash,label\n{FlipLowBits(Stored, 8)},partner-17\n");
        string bankFile = files.PathOf("ncii.tdbank");

        // When
        (int buildCode, string buildOutput, string buildError) = await Run("bank", "build", "-o", bankFile, "--threshold", "20", hashed, hma);
        (int matchCode, string matchOutput, string _) = await Run("match", "--bank", bankFile, "--hashes", files.Write("q.txt", $"{Stored},q\n{low},q-low\n"));
        (int infoCode, string info, string _) = await Run("bank", "info", bankFile);

        // Then
        buildError.ShouldBeEmpty();
        buildCode.ShouldBe(0);
        buildOutput.ShouldContain("2 hashes, threshold 20, 1 left out below quality 50");
        matchCode.ShouldBe(0);
        Lines(matchOutput).ShouldBe(["q,/reported/x.jpg,0", "q,partner-17,8"]);
        infoCode.ShouldBe(0);
        info.Trim().ShouldBe("ncii: 2 PDQ hashes, 0 exact hashes, threshold 20");
    }

    [Fact]
    public async Task BankBuild_MalformedLines_FailsNamingTheLines()
    {
        using var files = new MatchTestFiles();
        string list = files.Write("bad.csv", $"{Stored},ok\nnot a hash,x\n{Stored[..60]},short\n");

        (int code, string _, string error) = await Run("bank", "build", "-o", files.PathOf("b.tdbank"), list);

        code.ShouldBe(1);
        error.ShouldContain("bad.csv:2:");
        error.ShouldContain("bad.csv:3:");
        File.Exists(files.PathOf("b.tdbank")).ShouldBeFalse();
    }

    [Fact]
    public async Task Match_CorruptBankFile_ExitsWithClearError()
    {
        using var files = new MatchTestFiles();
        string bankFile = files.PathOf("b.tdbank");
        (await Run("bank", "build", "-o", bankFile, files.Write("l.txt", $"{Stored},a\n"))).Code.ShouldBe(0);
        byte[] bytes = await File.ReadAllBytesAsync(bankFile, TestContext.Current.CancellationToken);
        bytes[^3] ^= 0xFF;
        await File.WriteAllBytesAsync(bankFile, bytes, TestContext.Current.CancellationToken);

        (int code, string output, string error) = await Run("match", "--bank", bankFile, "--hashes", files.Write("q.txt", $"{Stored}\n"));

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("corrupt");
    }

    [Fact]
    public async Task Match_Images_FindsRotatedCopyOnlyWithDihedralVariants()
    {
        // Given: a bank holding the reference photo's hash, and a copy of the photo rotated 90 degrees.
        using var files = new MatchTestFiles();
        string original = Path.Combine(MatchTestFiles.ReferenceImages(), "bridge-mods", "aaa-orig.jpg");
        string rotated = files.PathOf("rotated.png");
        using (Image image = Image.NewFromFile(original))
        using (Image turned = image.Rot90())
        {
            turned.WriteToFile(rotated);
        }

        string bank = files.Write("bank.txt", $"{ImageHasher.ComputeHash(original).Hash},bridge\n");
        string missing = files.PathOf("missing.jpg");

        // When
        (int code, string output, string error) = await Run("match", "--bank", bank, original, rotated, missing);
        (int _, string plain, string _) = await Run("match", "--bank", bank, "--no-dihedral", original, rotated);

        // Then
        code.ShouldBe(1);
        error.ShouldStartWith($"{missing}: ");
        string[] lines = Lines(output);
        lines[0].ShouldBe($"{original},bridge,0");
        lines.ShouldContain(l => l.StartsWith($"{rotated},bridge,", StringComparison.Ordinal));
        Lines(plain).ShouldBe([$"{original},bridge,0"]);
    }
}
