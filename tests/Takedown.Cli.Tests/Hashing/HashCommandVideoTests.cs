using System.Globalization;
using Takedown.Hashing.Pdq;

namespace Takedown.Cli.Tests.Hashing;

/// <summary><c>takedown hash VIDEO</c>: vPDQ lines <c>FRAME,QUALITY,HASH,TIMESTAMP,PATH</c> through real FFmpeg.</summary>
public sealed class HashCommandVideoTests
{
    private static string SampleVideo => Path.Combine(HashCli.ReferenceDirectory, "..", "vpdq", "videos", "test-padded-dimensions.mp4");

    private static string[] ReferenceLines =>
        File.ReadAllLines(Path.Combine(HashCli.ReferenceDirectory, "..", "vpdq", "hashes", "test-padded-dimensions.txt"));

    [Fact]
    public async Task Hash_VideoEveryFrame_FramesAndTimestampsEqualReferenceAndHashesClose()
    {
        // Given the reference's every-frame vPDQ output for a sample video
        string[] reference = ReferenceLines;

        // When hashed with --seconds-per-hash 0 (every frame, the reference tool's default)
        CliRun run = await HashCli.RunAsync("hash", "--seconds-per-hash", "0", SampleVideo);

        // Then one line per frame, same frame numbers and timestamps, hashes within the reference's own bound
        run.ExitCode.ShouldBe(0, string.Join('\n', run.Error));
        run.Output.Length.ShouldBe(reference.Length);
        for (int i = 0; i < reference.Length; i++)
        {
            string[] expected = reference[i].Split(',');
            string[] actual = run.Output[i].Split(',');
            actual.Length.ShouldBe(5);
            actual[0].ShouldBe(expected[0]);
            actual[3].ShouldBe(expected[3]);
            actual[4].ShouldBe(SampleVideo);
            if (int.Parse(expected[1], CultureInfo.InvariantCulture) >= 50)
            {
                PdqHash.Parse(actual[2]).DistanceTo(PdqHash.Parse(expected[2])).ShouldBeLessThan(31, run.Output[i]);
            }
        }
    }

    [Fact]
    public async Task Hash_VideoDefaultOneSecond_HashesEveryFrameModFrame()
    {
        // Given a ~30 fps sample: frameMod = (int)(1.0 * fps)
        string[] reference = ReferenceLines;

        // When hashed with the default of one hash per second
        CliRun run = await HashCli.RunAsync("hash", SampleVideo);

        // Then only frames 0, frameMod, 2*frameMod, ... are printed, each with the reference's timestamp
        run.ExitCode.ShouldBe(0, string.Join('\n', run.Error));
        run.Output.Length.ShouldBeGreaterThan(1);
        int frameMod = int.Parse(run.Output[1].Split(',')[0], CultureInfo.InvariantCulture);
        frameMod.ShouldBeInRange(2, 60);
        for (int i = 0; i < run.Output.Length; i++)
        {
            string[] actual = run.Output[i].Split(',');
            int frame = int.Parse(actual[0], CultureInfo.InvariantCulture);
            frame.ShouldBe(i * frameMod);
            actual[3].ShouldBe(reference[frame].Split(',')[3]);
        }

        run.Output.Length.ShouldBe(((reference.Length - 1) / frameMod) + 1);
    }

    [Fact]
    public async Task Hash_NegativeSecondsPerHash_IsRejected()
    {
        CliRun run = await HashCli.RunAsync("hash", "--seconds-per-hash", "-1", SampleVideo);

        run.ExitCode.ShouldNotBe(0);
        string.Join('\n', run.Error).ShouldContain("--seconds-per-hash");
    }
}
