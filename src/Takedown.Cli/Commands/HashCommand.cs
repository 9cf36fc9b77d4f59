using System.CommandLine;
using Takedown.Cli.Hashing;
using Takedown.Hashing.Imaging;
using Takedown.Hashing.Video;

namespace Takedown.Cli.Commands;

/// <summary>
/// <c>takedown hash [--dihedral] PATH...</c>: one <c>HASH,QUALITY,PATH</c> line per image (the reference
/// <c>pdq-photo-hasher</c> format), eight with <c>--dihedral</c>; directories recursively, <c>-</c> for stdin;
/// <c>PATH: reason</c> on stderr and exit code 1 for files that cannot be hashed.
/// </summary>
internal static class HashCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Image or video files, or directories (searched recursively, in sorted order); '-' reads an image from standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var dihedral = new Option<bool>("--dihedral")
        {
            Description = "Print eight hashes per image: original, rot90, rot180, rot270, flipx, flipy, flipplus1, flipminus1.",
        };
        var applyOrientation = new Option<bool>("--apply-orientation")
        {
            Description = "Rotate images upright by their EXIF orientation first (the reference and HMA hash pixels as stored).",
        };
        var maxMegapixels = new Option<double>("--max-megapixels")
        {
            HelpName = "MEGAPIXELS",
            Description = "Refuse images larger than this many megapixels (millions of pixels), checked from the header before decoding.",
            DefaultValueFactory = _ => ImageDecodeOptions.DefaultMaxPixels / 1e6,
        };
        maxMegapixels.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 10_000))
            {
                result.AddError("--max-megapixels must be greater than 0 and at most 10000.");
            }
        });
        var fullDecode = new Option<bool>("--full-decode")
        {
            Description = "Decode large JPEGs at full size, as the reference (slower). By default they are decoded at 1/2-1/8 scale " +
                          "in the DCT domain, which stays within a few bits of the reference hash.",
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            HelpName = "N",
            Description = "Files hashed at once, in parallel (default: one per processor).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--jobs must be at least 1.");
            }
        });

        var secondsPerHash = new Option<double>("--seconds-per-hash")
        {
            HelpName = "SECONDS",
            Description = "Videos: hash one frame every this many seconds (frameMod = (int)(seconds * fps)); " +
                          "0 hashes every frame, as the reference vpdq-hash-video does by default.",
            DefaultValueFactory = _ => VideoHashOptions.Default.SecondsPerHash,
        };
        secondsPerHash.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 0 and <= 3600))
            {
                result.AddError("--seconds-per-hash must be between 0 and 3600.");
            }
        });

        var command = new Command(
            "hash",
            "Print the PDQ hash and quality of images as HASH,QUALITY,PATH lines, and the vPDQ frame hashes of videos as " +
            "FRAME,QUALITY,HASH,TIMESTAMP,PATH lines. A file that cannot be hashed prints 'PATH: reason' on stderr, the others go on, and the exit code is 1.")
        {
            paths, dihedral, applyOrientation, maxMegapixels, fullDecode, jobs, secondsPerHash,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new ImageDecodeOptions
            {
                ApplyOrientation = parseResult.GetValue(applyOrientation),
                MaxPixels = (long)(parseResult.GetValue(maxMegapixels) * 1e6),
                ShrinkOnLoad = !parseResult.GetValue(fullDecode),
            };
            var video = new VideoHashOptions { SecondsPerHash = parseResult.GetValue(secondsPerHash) };
            var settings = new HashSettings(
                parseResult.GetValue(dihedral), new ImageDecoder(options), parseResult.GetValue(jobs), video);
            var runner = new HashRunner(settings, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            int exitCode = runner.Run(parseResult.GetValue(paths) ?? [], cancellationToken);
            return Task.FromResult(exitCode);
        });
        return command;
    }
}
