using System.Globalization;

namespace Takedown.Hashing.Imaging;

public sealed partial class ImageDecoder
{
    /// <summary>Where libvips loads from: a file path or a whole in-memory buffer.</summary>
    private readonly record struct LoadInput(string? Path, byte[]? Data);

    private static ImageFormat SniffFile(string path)
    {
        Span<byte> header = stackalloc byte[ImageFormatSniffer.HeaderLength];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(ImageDecodeError.Unreadable, path, DescribeIoError(e), e);
        }

        if (read == 0)
        {
            throw new ImageDecodeException(ImageDecodeError.Empty, path, "empty file (0 bytes)");
        }

        ImageFormat format = ImageFormatSniffer.Detect(header[..read]);
        return format == ImageFormat.Unknown ? throw NotAnImage(path) : format;
    }

    private byte[] ReadAllBytesLimited(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            return ReadAllLimited(file, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(ImageDecodeError.Unreadable, path, DescribeIoError(e), e);
        }
    }

    private byte[] ReadAllLimited(Stream stream, string? name)
    {
        long limit = Options.MaxInputBytes;
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > limit)
            {
                throw TooManyBytes(name);
            }

            byte[] exact = new byte[remaining];
            stream.ReadExactly(exact);
            return exact;
        }

        using var copy = new MemoryStream();
        byte[] chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (copy.Length + n > limit)
            {
                throw TooManyBytes(name);
            }

            copy.Write(chunk, 0, n);
        }

        return copy.ToArray();
    }

    private ImageDecodeException TooManyBytes(string? name) =>
        new(ImageDecodeError.TooManyBytes, name,
            string.Create(CultureInfo.InvariantCulture, $"input is larger than the limit of {Options.MaxInputBytes} bytes"));

    private static ImageDecodeException NotAnImage(string? name) =>
        new(ImageDecodeError.UnrecognisedFormat, name,
            "not a recognised image format (expected JPEG, PNG, GIF, WebP, TIFF, HEIF/AVIF or BMP)");

    private static string DescribeIoError(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
