using System.Buffers.Binary;
using System.Text;

namespace Takedown.Hashing.Tests.Imaging;

/// <summary>Hand-made PNG bytes with valid CRCs (for headers libvips would otherwise never write).</summary>
internal static class PngBytes
{
    public static byte[] Header(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        stream.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        stream.Write(word);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>Hand-made BMP files (libvips cannot write BMP).</summary>
internal static class BmpBytes
{
    /// <summary>A 24-bit bottom-up BMP of interleaved RGB pixels.</summary>
    public static byte[] Rgb24(ReadOnlySpan<byte> rgb, int width, int height)
    {
        int rowBytes = ((width * 3) + 3) & ~3;
        byte[] file = Header24(width, height, rowBytes * height);
        for (int y = 0; y < height; y++)
        {
            int row = 54 + ((height - 1 - y) * rowBytes);
            for (int x = 0; x < width; x++)
            {
                int s = ((y * width) + x) * 3;
                file[row + (x * 3)] = rgb[s + 2];
                file[row + (x * 3) + 1] = rgb[s + 1];
                file[row + (x * 3) + 2] = rgb[s];
            }
        }

        return file;
    }

    /// <summary>An 8-bit palette top-down BMP: pixel value i maps to palette colour i.</summary>
    public static byte[] Palette8(ReadOnlySpan<byte> indices, int width, int height, ReadOnlySpan<byte> paletteRgb)
    {
        int colours = paletteRgb.Length / 3;
        int rowBytes = (width + 3) & ~3;
        int offset = 54 + (colours * 4);
        byte[] file = new byte[offset + (rowBytes * height)];
        WriteHeaders(file, width, -height, 8, offset, file.Length, colours);
        for (int c = 0; c < colours; c++)
        {
            file[54 + (c * 4)] = paletteRgb[(c * 3) + 2];
            file[54 + (c * 4) + 1] = paletteRgb[(c * 3) + 1];
            file[54 + (c * 4) + 2] = paletteRgb[c * 3];
        }

        for (int y = 0; y < height; y++)
        {
            indices.Slice(y * width, width).CopyTo(file.AsSpan(offset + (y * rowBytes)));
        }

        return file;
    }

    /// <summary>Just the 54-byte header of a 24-bit image (plus <paramref name="pixelBytes"/> of zeros).</summary>
    public static byte[] Header24(int width, int height, int pixelBytes = 0)
    {
        byte[] file = new byte[54 + pixelBytes];
        WriteHeaders(file, width, height, 24, 54, file.Length, 0);
        return file;
    }

    private static void WriteHeaders(byte[] file, int width, int height, int bits, int offset, int size, int colours)
    {
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), size);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), (short)bits);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(46), colours);
    }
}

/// <summary>A read-only stream that cannot seek, like standard input.</summary>
internal sealed class NonSeekableStream(byte[] data) : Stream
{
    private readonly MemoryStream _inner = new(data);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
