using System.Globalization;
using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Video;

namespace Takedown.Cli.Hashing;

/// <summary>
/// Hashes one input and formats its lines. This is the one place that decides how a file is hashed:
/// images give <c>HASH,QUALITY,PATH</c> (eight lines with <c>--dihedral</c>), videos one
/// <c>FRAME,QUALITY,HASH,TIMESTAMP,PATH</c> line per hashed frame.
/// </summary>
internal static class MediaFileHasher
{
    public static FileHashOutcome Hash(HashInput input, HashSettings settings)
    {
        if (!input.IsStandardInput && VideoFiles.HasVideoExtension(input.Path))
        {
            return VideoFileHasher.Hash(input, settings.Video);
        }

        try
        {
            using DecodedImage image = input.IsStandardInput
                ? DecodeStandardInput(settings.Decoder)
                : settings.Decoder.Decode(input.Path);
            return FileHashOutcome.Success(settings.Dihedral
                ? FormatDihedral(ImageHasher.ComputeDihedralHashes(image), input.Path)
                : [FormatLine(ImageHasher.ComputeHash(image), input.Path)]);
        }
        catch (ImageDecodeException e) when (input.FromDirectory && e.Error == ImageDecodeError.UnrecognisedFormat)
        {
            return FileHashOutcome.Skipped;
        }
        catch (ImageDecodeException e)
        {
            return FileHashOutcome.Failure(e.Reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FileHashOutcome.Failure(e.Message);
        }
    }

    /// <summary>The reference <c>pdq-photo-hasher</c> line: 64 lowercase hex digits, quality, path.</summary>
    public static string FormatLine(PdqResult result, string path) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.Hash},{result.Quality},{path}");

    private static string[] FormatDihedral(PdqDihedralResult result, string path)
    {
        // Original, rot90, rot180, rot270, flipx, flipy, flipplus1, flipminus1: the Dihedral enum order.
        string[] lines = new string[PdqDihedralResult.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = FormatLine(result.GetResult((Dihedral)i), path);
        }

        return lines;
    }

    private static DecodedImage DecodeStandardInput(ImageDecoder decoder)
    {
        using Stream stdin = StandardInput.Open();
        return decoder.Decode(stdin, HashInput.StandardInputName);
    }
}
