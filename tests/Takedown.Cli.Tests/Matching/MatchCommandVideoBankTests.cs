using Takedown.Cli.Tests.Hashing;

namespace Takedown.Cli.Tests.Matching;

/// <summary>A video bank built from <c>takedown hash VIDEO</c> output, then searched with <c>takedown match --bank BANK VIDEO</c>.</summary>
public sealed class MatchCommandVideoBankTests
{
    private static string Video(string name) => Path.GetFullPath(Path.Combine(HashCli.ReferenceDirectory, "..", "vpdq", "videos", name));

    [Fact]
    public async Task BankBuild_FromVideoHashOutput_MatchesTheSameVideoOnlyUnderItsPath()
    {
        // Given the vPDQ lines of two videos (FRAME,QUALITY,HASH,TIMESTAMP,PATH at the default 1 hash/s)
        using var files = new MatchTestFiles();
        string banked = Video("test-padded-dimensions.mp4");
        string other = Video("pattern-sd-grey-bar.mp4");
        CliRun hashed = await HashCli.RunAsync("hash", banked, other);
        hashed.ExitCode.ShouldBe(0, string.Join('\n', hashed.Error));
        hashed.Output.ShouldAllBe(line => line.Split(',', StringSplitOptions.None).Length == 5);
        string list = files.Write("videos.txt", string.Join('\n', hashed.Output.Where(line => line.EndsWith(banked, StringComparison.Ordinal))) + "\n");
        string bankFile = files.PathOf("videos.tdbank");

        // When the list becomes a bank file and each video is matched against it (and against the text list itself)
        CliRun build = await HashCli.RunAsync("bank", "build", "-o", bankFile, list);
        CliRun same = await HashCli.RunAsync("match", "--bank", bankFile, banked);
        CliRun fromText = await HashCli.RunAsync("match", "--bank", list, banked);
        CliRun different = await HashCli.RunAsync("match", "--bank", bankFile, other);

        // Then every banked frame is one hash labelled with the video's path, and only the same video matches, fully
        build.ExitCode.ShouldBe(0, string.Join('\n', build.Error));
        int frames = File.ReadAllLines(list).Length;
        build.Output.ShouldHaveSingleItem().ShouldContain($"{frames} hashes");
        same.ExitCode.ShouldBe(0, string.Join('\n', same.Error));
        same.Output.ShouldBe([$"{banked},{banked},100.00,100.00"]);
        fromText.Output.ShouldBe(same.Output);
        different.ExitCode.ShouldBe(0, string.Join('\n', different.Error));
        different.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task BankBuild_ReferenceVideoHashFile_LabelsTheVideoWithTheFileName()
    {
        // Given the reference's own hash file (FRAME,QUALITY,HASH,TIMESTAMP, no path column)
        using var files = new MatchTestFiles();
        string reference = Path.Combine(HashCli.ReferenceDirectory, "..", "vpdq", "hashes", "test-padded-dimensions.txt");
        string bankFile = files.PathOf("ref.tdbank");

        // When it becomes a bank and the sample video is matched against it
        CliRun build = await HashCli.RunAsync("bank", "build", "-o", bankFile, reference);
        CliRun match = await HashCli.RunAsync("match", "--bank", bankFile, Video("test-padded-dimensions.mp4"));

        // Then the video matches the reference frames, labelled with the hash file's name
        build.ExitCode.ShouldBe(0, string.Join('\n', build.Error));
        match.ExitCode.ShouldBe(0, string.Join('\n', match.Error));
        string line = match.Output.ShouldHaveSingleItem();
        line.ShouldStartWith($"{Video("test-padded-dimensions.mp4")},test-padded-dimensions,100.00,");
    }
}
