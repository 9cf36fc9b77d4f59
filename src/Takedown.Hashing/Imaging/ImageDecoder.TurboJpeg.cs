using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Takedown.Hashing.Imaging;

public sealed partial class ImageDecoder
{
    /// <summary>
    /// The most decoded bytes (after shrink-on-load) the TurboJPEG path holds in one buffer; larger JPEGs (a
    /// <c>--full-decode</c> of a big photo) go through libvips, which streams rows and keeps memory flat.
    /// </summary>
    private const long TurboJpegMaxDecodedBytes = 12L * 1024 * 1024;

    /// <summary>Files larger than this are left to libvips (which reads them itself) rather than read whole.</summary>
    private const long TurboJpegMaxFileBytes = 64L * 1024 * 1024;

    [ThreadStatic]
    private static TurboJpegHandle? t_turboJpeg;

    /// <summary>
    /// Whether baseline and progressive YCbCr/grey JPEGs are decoded by TurboJPEG directly (the same
    /// libjpeg-turbo ISLOW IDCT, fancy upsampling and DCT-domain scaling as libvips' loader, without libvips'
    /// per-image pipeline set-up). On when <c>libturbojpeg.so.0</c> loads; tests switch it off to compare.
    /// CMYK/YCCK JPEGs, <see cref="ImageDecodeOptions.ApplyOrientation"/>, huge decodes and any file that
    /// raises a libjpeg warning or error go to libvips, which then applies its own rules (fail on truncation
    /// and errors, accept recoverable warnings), so the accepted and refused files are the same either way.
    /// </summary>
    internal bool UseTurboJpeg { get; init; } = TurboJpegInterop.IsAvailable;

    /// <summary>The JPEG file at <paramref name="path"/> through TurboJPEG, or <see langword="null"/> to use libvips.</summary>
    private DecodedImage? TryDecodeJpegFile(string path)
    {
        if (!UseTurboJpeg || Options.ApplyOrientation)
        {
            return null;
        }

        byte[] data;
        int length;
        try
        {
            using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long size = RandomAccess.GetLength(file);
            if (size is 0 or > TurboJpegMaxFileBytes)
            {
                return null;
            }

            data = ArrayPool<byte>.Shared.Rent((int)size);
            length = RandomAccess.Read(file, data.AsSpan(0, (int)size), 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(ImageDecodeError.Unreadable, path, DescribeIoError(e), e);
        }

        try
        {
            return TryDecodeWithTurboJpeg(data.AsSpan(0, length), path);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>A JPEG held in memory through TurboJPEG, or <see langword="null"/> to use libvips (internal for tests).</summary>
    internal unsafe DecodedImage? TryDecodeWithTurboJpeg(ReadOnlySpan<byte> jpeg, string? name)
    {
        if (!UseTurboJpeg || Options.ApplyOrientation)
        {
            return null;
        }

        TurboJpegHandle handle = t_turboJpeg ??= TurboJpegInterop.InitDecompress();
        if (handle.IsInvalid)
        {
            return null;
        }

        fixed (byte* source = jpeg)
        {
            if (TurboJpegInterop.DecompressHeader3(handle, source, (nuint)jpeg.Length, out int width, out int height, out _, out int colorspace) != 0 ||
                colorspace is TurboJpegInterop.ColorspaceCmyk or TurboJpegInterop.ColorspaceYcck || width < 1 || height < 1)
            {
                DiscardHandleAfterError();
                return null;
            }

            CheckPixelLimit(width, height, name);
            int shrink = ChooseShrink(ImageFormat.Jpeg, width, height);
            int decodedWidth = (width + shrink - 1) / shrink;
            int decodedHeight = (height + shrink - 1) / shrink;
            int bands = colorspace == TurboJpegInterop.ColorspaceGray ? 1 : 3;
            long decodedBytes = (long)decodedWidth * decodedHeight * bands;
            if (decodedBytes > TurboJpegMaxDecodedBytes)
            {
                return null;
            }

            byte[]? decoded = ArrayPool<byte>.Shared.Rent((int)decodedBytes);
            byte[]? output = null;
            try
            {
                int pixelFormat = bands == 1 ? TurboJpegInterop.PixelFormatGray : TurboJpegInterop.PixelFormatRgb;
                fixed (byte* destination = decoded)
                {
                    // Non-zero is an error or a warning (e.g. truncated data): libvips decides what it means.
                    if (TurboJpegInterop.Decompress2(handle, source, (nuint)jpeg.Length, destination, decodedWidth,
                            decodedWidth * bands, decodedHeight, pixelFormat, TurboJpegInterop.FlagLimitScans) != 0)
                    {
                        DiscardHandleAfterError();
                        return null;
                    }
                }

                bool sample = width > SampleSize || height > SampleSize;
                if (sample)
                {
                    output = ArrayPool<byte>.Shared.Rent(SampleSize * SampleSize * 3);
                    // libjpeg's scaled size rounds up; libvips' shrink-on-load rounds down (drops the partial last
                    // row and column), and the sample is taken from libvips' size so both paths give the same pixels.
                    SampleRows(decoded, width / shrink, height / shrink, decodedWidth * bands, bands, output);
                }
                else
                {
                    (output, decoded) = (decoded, null);
                }

                DecodedImage image = Package(output, sample ? SampleSize : width, sample ? SampleSize : height, bands,
                    ImageFormat.Jpeg, width, height, shrink);
                output = null;
                return image;
            }
            finally
            {
                if (decoded is not null)
                {
                    ArrayPool<byte>.Shared.Return(decoded);
                }

                if (output is not null)
                {
                    ArrayPool<byte>.Shared.Return(output);
                }
            }
        }
    }

    /// <summary>
    /// A TurboJPEG instance that reported an error or warning (a truncated or corrupt file) can stay in a state
    /// where later, valid JPEGs fail too; this thread gets a fresh instance for its next file.
    /// </summary>
    private static void DiscardHandleAfterError()
    {
        t_turboJpeg?.Dispose();
        t_turboJpeg = null;
    }

    /// <summary>The reference's 512×512 nearest-neighbour sample of a whole decoded image held in memory.</summary>
    private static void SampleRows(ReadOnlySpan<byte> source, int width, int height, int stride, int bands, Span<byte> destination)
    {
        Span<int> columns = stackalloc int[SampleSize];
        SampleColumns(width, bands, columns);
        int rowBytes = width * bands;
        int outRowBytes = SampleSize * bands;
        for (int y = 0; y < SampleSize; y++)
        {
            int sourceRow = (int)((long)y * height / SampleSize);
            SampleRow(source.Slice(sourceRow * stride, rowBytes), bands, columns, destination.Slice(y * outRowBytes, outRowBytes));
        }
    }
}
