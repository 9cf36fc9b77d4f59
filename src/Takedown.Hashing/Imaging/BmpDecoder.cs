using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Takedown.Hashing.Imaging;

/// <summary>
/// A small, bounds-checked Windows BMP decoder (the libvips in NetVips.Native has no BMP loader): 1, 4 and
/// 8-bit palettes, 16, 24 and 32-bit, uncompressed or with bit-field masks, bottom-up or top-down.
/// RLE-compressed and embedded JPEG/PNG bitmaps are refused. Alpha is dropped, as everywhere else.
/// </summary>
internal static class BmpDecoder
{
    private const int FileHeaderSize = 14;

    /// <summary>Decodes <paramref name="data"/> to interleaved RGB, checking the pixel limit before allocating.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> data, long maxPixels, string? name, out int width, out int height)
    {
        if (data.Length < FileHeaderSize + 12)
        {
            throw Corrupt(name, "file too short for a BMP header");
        }

        uint pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        ReadOnlySpan<byte> dib = data[FileHeaderSize..];
        uint dibSize = BinaryPrimitives.ReadUInt32LittleEndian(dib);
        int bitCount;
        uint compression = 0;
        uint colorsUsed = 0;
        bool topDown;
        int paletteEntrySize;
        long rawHeight;
        if (dibSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(dib[4..]);
            rawHeight = BinaryPrimitives.ReadUInt16LittleEndian(dib[6..]);
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(dib[10..]);
            paletteEntrySize = 3;
        }
        else
        {
            if (dib.Length < 40)
            {
                throw Corrupt(name, "file too short for a BMP info header");
            }

            width = BinaryPrimitives.ReadInt32LittleEndian(dib[4..]);
            rawHeight = BinaryPrimitives.ReadInt32LittleEndian(dib[8..]);
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(dib[14..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(dib[16..]);
            colorsUsed = BinaryPrimitives.ReadUInt32LittleEndian(dib[32..]);
            paletteEntrySize = 4;
        }

        topDown = rawHeight < 0;
        long absHeight = Math.Abs(rawHeight);
        if (width <= 0 || absHeight <= 0 || absHeight > int.MaxValue)
        {
            throw Corrupt(name, string.Create(CultureInfo.InvariantCulture, $"invalid BMP dimensions {width}x{rawHeight}"));
        }

        height = (int)absHeight;
        long pixels = (long)width * height;
        if (pixels > maxPixels)
        {
            throw new ImageDecodeException(ImageDecodeError.TooManyPixels, name, string.Create(CultureInfo.InvariantCulture,
                $"image is {width}x{height} ({pixels / 1e6:0.#} megapixels), above the limit of {maxPixels / 1e6:0.#} megapixels"));
        }

        if (compression is not (0 or 3 or 6))
        {
            throw new ImageDecodeException(ImageDecodeError.UnsupportedFormat, name,
                string.Create(CultureInfo.InvariantCulture, $"unsupported BMP compression {compression} (RLE, JPEG and PNG bitmaps are not decoded)"));
        }

        if (bitCount is not (1 or 4 or 8 or 16 or 24 or 32))
        {
            throw new ImageDecodeException(ImageDecodeError.UnsupportedFormat, name,
                string.Create(CultureInfo.InvariantCulture, $"unsupported BMP bit depth {bitCount}"));
        }

        long rowBytes = ((((long)width * bitCount) + 31) / 32) * 4;
        if (pixelOffset > data.Length || rowBytes * height > data.Length - pixelOffset)
        {
            throw Corrupt(name, "BMP pixel data is truncated");
        }

        // Channel masks for 16 and 32-bit images.
        uint redMask = 0, greenMask = 0, blueMask = 0;
        if (bitCount is 16 or 32)
        {
            if (compression is 3 or 6)
            {
                // BITMAPINFOHEADER puts the masks right after the 40-byte header; V4/V5 headers contain them there too.
                if (dib.Length < 52)
                {
                    throw Corrupt(name, "BMP bit-field masks are missing");
                }

                redMask = BinaryPrimitives.ReadUInt32LittleEndian(dib[40..]);
                greenMask = BinaryPrimitives.ReadUInt32LittleEndian(dib[44..]);
                blueMask = BinaryPrimitives.ReadUInt32LittleEndian(dib[48..]);
            }
            else if (bitCount == 16)
            {
                (redMask, greenMask, blueMask) = (0x7C00, 0x03E0, 0x001F);
            }
            else
            {
                (redMask, greenMask, blueMask) = (0x00FF0000, 0x0000FF00, 0x000000FF);
            }
        }

        ReadOnlySpan<byte> palette = default;
        int paletteCount = 0;
        if (bitCount <= 8)
        {
            paletteCount = colorsUsed == 0 || colorsUsed > (1u << bitCount) ? 1 << bitCount : (int)colorsUsed;
            long paletteStart = FileHeaderSize + (long)dibSize + (compression == 3 && dibSize == 40 ? 12 : 0);
            long available = Math.Max(0, Math.Min(pixelOffset, data.Length) - paletteStart);
            paletteCount = (int)Math.Min(paletteCount, available / paletteEntrySize);
            if (paletteCount == 0)
            {
                throw Corrupt(name, "BMP palette is missing");
            }

            palette = data.Slice((int)paletteStart, paletteCount * paletteEntrySize);
        }

        byte[] rgb = new byte[pixels * 3];
        var red = new MaskChannel(redMask);
        var green = new MaskChannel(greenMask);
        var blue = new MaskChannel(blueMask);
        for (int y = 0; y < height; y++)
        {
            int fileRow = topDown ? y : height - 1 - y;
            ReadOnlySpan<byte> src = data.Slice((int)(pixelOffset + (fileRow * rowBytes)), (int)rowBytes);
            Span<byte> dst = rgb.AsSpan(y * width * 3, width * 3);
            for (int x = 0; x < width; x++)
            {
                int d = x * 3;
                switch (bitCount)
                {
                    case 24:
                        dst[d] = src[(x * 3) + 2];
                        dst[d + 1] = src[(x * 3) + 1];
                        dst[d + 2] = src[x * 3];
                        break;
                    case 32:
                    case 16:
                        uint v = bitCount == 32
                            ? BinaryPrimitives.ReadUInt32LittleEndian(src[(x * 4)..])
                            : BinaryPrimitives.ReadUInt16LittleEndian(src[(x * 2)..]);
                        dst[d] = red.Extract(v);
                        dst[d + 1] = green.Extract(v);
                        dst[d + 2] = blue.Extract(v);
                        break;
                    default:
                        int bitIndex = x * bitCount;
                        int index = (src[bitIndex >> 3] >> (8 - bitCount - (bitIndex & 7))) & ((1 << bitCount) - 1);
                        if (index >= paletteCount)
                        {
                            index = 0;
                        }

                        ReadOnlySpan<byte> entry = palette.Slice(index * paletteEntrySize, 3);
                        dst[d] = entry[2];
                        dst[d + 1] = entry[1];
                        dst[d + 2] = entry[0];
                        break;
                }
            }
        }

        return rgb;
    }

    private static ImageDecodeException Corrupt(string? name, string reason) =>
        new(ImageDecodeError.Corrupt, name, $"corrupt or truncated image ({reason})");

    /// <summary>Extracts one channel under a bit mask and scales it to 0..255.</summary>
    private readonly struct MaskChannel
    {
        private readonly uint _mask;
        private readonly int _shift;
        private readonly uint _max;

        public MaskChannel(uint mask)
        {
            _mask = mask;
            _shift = mask == 0 ? 0 : BitOperations.TrailingZeroCount(mask);
            _max = mask == 0 ? 0 : mask >> _shift;
        }

        public byte Extract(uint value) =>
            _max == 0 ? (byte)0 : (byte)((((value & _mask) >> _shift) * 255 + (_max / 2)) / _max);
    }
}
