using System.Buffers;
using NetVips;
using Takedown.Hashing.Pdq;

namespace Takedown.Hashing.Imaging;

public sealed partial class ImageDecoder
{
    /// <summary>Rows fetched per region request when copying a whole small image (keeps each fetch off the LOH).</summary>
    private const int FetchBytes = 64 * 1024;

    /// <summary>
    /// Copies the pixels out of a normalized 1- or 3-band 8-bit image. When the source is larger than 512 on a
    /// side, only the rows and columns of the reference's 512×512 nearest-neighbour sample are kept
    /// (<c>src = floor(dst * size / 512)</c> on the decoded, possibly shrunk, image), so memory stays at one
    /// decoded row plus the 768 KB sample whatever the image size.
    /// </summary>
    private static DecodedImage Extract(Image image, ImageFormat format, int sourceWidth, int sourceHeight, int shrink)
    {
        int bands = image.Bands;
        int width = image.Width;
        int height = image.Height;
        bool sample = sourceWidth > SampleSize || sourceHeight > SampleSize;
        int outWidth = sample ? SampleSize : width;
        int outHeight = sample ? SampleSize : height;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(outWidth * outHeight * 3);
        try
        {
            using Region region = Region.New(image);
            if (sample)
            {
                CopySampled(region, width, height, bands, buffer);
            }
            else
            {
                CopyWhole(region, width, height, bands, buffer);
            }

            return Package(buffer, outWidth, outHeight, bands, format, sourceWidth, sourceHeight, shrink);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static void CopyWhole(Region region, int width, int height, int bands, byte[] destination)
    {
        int rowBytes = width * bands;
        int rowsPerFetch = Math.Max(1, FetchBytes / rowBytes);
        for (int top = 0; top < height; top += rowsPerFetch)
        {
            int rows = Math.Min(rowsPerFetch, height - top);
            byte[] strip = region.Fetch(0, top, width, rows);
            strip.AsSpan(0, rows * rowBytes).CopyTo(destination.AsSpan(top * rowBytes));
        }
    }

    private static void CopySampled(Region region, int width, int height, int bands, byte[] destination)
    {
        // Column offsets of the sample, in bytes: floor(x * width / 512) * bands.
        Span<int> columns = stackalloc int[SampleSize];
        SampleColumns(width, bands, columns);

        int outRowBytes = SampleSize * bands;
        byte[] row = [];
        int fetchedRow = -1;
        for (int y = 0; y < SampleSize; y++)
        {
            int sourceRow = (int)((long)y * height / SampleSize);
            if (sourceRow != fetchedRow)
            {
                // Rows only move forward, as a sequential loader needs.
                row = region.Fetch(0, sourceRow, width, 1);
                fetchedRow = sourceRow;
            }

            SampleRow(row.AsSpan(0, width * bands), bands, columns, destination.AsSpan(y * outRowBytes, outRowBytes));
        }
    }

    /// <summary>Byte offsets of the sampled columns in a decoded row: <c>floor(x * width / 512) * bands</c>.</summary>
    private static void SampleColumns(int width, int bands, Span<int> columns)
    {
        for (int x = 0; x < SampleSize; x++)
        {
            columns[x] = (int)((long)x * width / SampleSize) * bands;
        }
    }

    /// <summary>Copies the sampled pixels of one decoded row into one 512-pixel output row.</summary>
    private static void SampleRow(ReadOnlySpan<byte> row, int bands, ReadOnlySpan<int> columns, Span<byte> outRow)
    {
        if (bands == 1)
        {
            for (int x = 0; x < SampleSize; x++)
            {
                outRow[x] = row[columns[x]];
            }
        }
        else
        {
            for (int x = 0; x < SampleSize; x++)
            {
                int s = columns[x];
                int d = x * 3;
                outRow[d] = row[s];
                outRow[d + 1] = row[s + 1];
                outRow[d + 2] = row[s + 2];
            }
        }
    }

    /// <summary>
    /// Wraps 1- or 3-band pixels in a <see cref="DecodedImage"/> (which then owns the pooled buffer), rewriting
    /// colour pixels that are all grey as one channel.
    /// </summary>
    private static DecodedImage Package(byte[] buffer, int width, int height, int bands, ImageFormat format,
        int sourceWidth, int sourceHeight, int shrink)
    {
        PdqPixelFormat pixelFormat = bands == 1 ? PdqPixelFormat.Grey8 : PdqPixelFormat.Rgb24;
        if (pixelFormat == PdqPixelFormat.Rgb24 && GreyPixels.TryCompact(buffer.AsSpan(0, width * height * 3)))
        {
            pixelFormat = PdqPixelFormat.Grey8;
        }

        return new DecodedImage(buffer, width, height, pixelFormat, format, sourceWidth, sourceHeight, shrink);
    }
}
