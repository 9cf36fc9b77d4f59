using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// A validated image to hash: 8-bit pixels or float luma, with the size actually hashed (after the
/// reference's optional nearest-neighbour resize to 512x512).
/// </summary>
internal readonly ref struct PdqInput
{
    /// <summary>The reference's <c>DOWNSAMPLE_DIMS</c>: larger images are resized to exactly this square.</summary>
    public const int ResizeDimension = 512;

    private PdqInput(ReadOnlySpan<byte> pixels, ReadOnlySpan<float> luma, int width, int height, int stride, PdqPixelFormat format, bool isLuma, bool resize)
    {
        Pixels = pixels;
        Luma = luma;
        SourceWidth = width;
        SourceHeight = height;
        Stride = stride;
        Format = format;
        IsLuma = isLuma;
        Resized = resize;
        Rows = resize ? ResizeDimension : height;
        Cols = resize ? ResizeDimension : width;
    }

    /// <summary>The 8-bit pixels (when <see cref="IsLuma"/> is false).</summary>
    public ReadOnlySpan<byte> Pixels { get; }

    /// <summary>The float luma, row-major with no padding (when <see cref="IsLuma"/> is true).</summary>
    public ReadOnlySpan<float> Luma { get; }

    /// <summary>Width of the source image.</summary>
    public int SourceWidth { get; }

    /// <summary>Height of the source image.</summary>
    public int SourceHeight { get; }

    /// <summary>Bytes from one source row to the next (pixels only).</summary>
    public int Stride { get; }

    /// <summary>Pixel layout (pixels only).</summary>
    public PdqPixelFormat Format { get; }

    /// <summary>True for float luma input.</summary>
    public bool IsLuma { get; }

    /// <summary>True when the source is nearest-neighbour sampled to 512x512.</summary>
    public bool Resized { get; }

    /// <summary>Rows hashed.</summary>
    public int Rows { get; }

    /// <summary>Columns hashed.</summary>
    public int Cols { get; }

    /// <summary>Bytes per pixel.</summary>
    public int Channels => Format == PdqPixelFormat.Rgb24 ? 3 : 1;

    /// <summary>Pixels, optionally resized (file mode) or as they are (buffer mode).</summary>
    public static PdqInput FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int stride, PdqPixelFormat format, bool fileMode)
    {
        PdqValidation.ValidatePixels(pixels, width, height, stride, format);
        bool resize = fileMode && (width > ResizeDimension || height > ResizeDimension);
        return new PdqInput(pixels, default, width, height, stride, format, isLuma: false, resize);
    }

    /// <summary>Float luma, hashed as it is.</summary>
    public static PdqInput FromLuma(ReadOnlySpan<float> luma, int width, int height)
    {
        PdqValidation.ValidateLuma(luma, width, height);
        return new PdqInput(default, luma, width, height, width, PdqPixelFormat.Grey8, isLuma: true, resize: false);
    }

    /// <summary>The source row sampled for hashed row <paramref name="row"/>: <c>floor(row * H / 512)</c> when resizing.</summary>
    public int SourceRow(int row) => Resized ? (int)((long)row * SourceHeight / ResizeDimension) : row;

    /// <summary>The source column sampled for hashed column <paramref name="col"/>.</summary>
    public int SourceCol(int col) => Resized ? (int)((long)col * SourceWidth / ResizeDimension) : col;

    /// <summary>Copies the RGB pixels at <paramref name="sourceCols"/> of one source row, in order (the nearest-neighbour resize).</summary>
    public static void GatherRgbRow(ReadOnlySpan<byte> sourceRow, Span<byte> destination, ReadOnlySpan<int> sourceCols)
    {
        int cols = destination.Length / 3;
        if (sourceCols.Length < cols)
        {
            throw new ArgumentException("Fewer source columns than destination pixels.", nameof(sourceCols));
        }

        // One range check per pixel instead of six, and two moves instead of three (this runs 262,144 times per
        // resized image).
        ref byte source = ref MemoryMarshal.GetReference(sourceRow);
        ref byte target = ref MemoryMarshal.GetReference(destination);
        for (int x = 0; x < cols; x++)
        {
            int s = sourceCols[x] * 3;
            if ((uint)s > (uint)(sourceRow.Length - 3))
            {
                throw new ArgumentOutOfRangeException(nameof(sourceCols), sourceCols[x], "Source column outside the row.");
            }

            ref byte to = ref Unsafe.Add(ref target, x * 3);
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref source, s)));
            Unsafe.Add(ref to, 2) = Unsafe.Add(ref source, s + 2);
        }
    }

    /// <summary>Copies the grey pixels at <paramref name="sourceCols"/> of one source row, in order (the nearest-neighbour resize).</summary>
    public static void GatherGreyRow(ReadOnlySpan<byte> sourceRow, Span<byte> destination, ReadOnlySpan<int> sourceCols)
    {
        for (int x = 0; x < destination.Length; x++)
        {
            destination[x] = sourceRow[sourceCols[x]];
        }
    }

    /// <summary>
    /// Writes the float luma of hashed row <paramref name="row"/> into <paramref name="destination"/>
    /// (<see cref="Cols"/> values), one pixel at a time exactly as the reference does.
    /// </summary>
    public void FillLumaRowScalar(int row, Span<float> destination)
    {
        Debug.Assert(destination.Length >= Cols);
        int sourceRow = SourceRow(row);
        if (IsLuma)
        {
            Luma.Slice(sourceRow * SourceWidth, Cols).CopyTo(destination);
            return;
        }

        ref byte p = ref Unsafe.Add(ref MemoryMarshal.GetReference(Pixels), (nint)sourceRow * Stride);
        if (Format == PdqPixelFormat.Rgb24)
        {
            for (int col = 0; col < Cols; col++)
            {
                ref byte px = ref Unsafe.Add(ref p, 3 * SourceCol(col));
                destination[col] = PdqLuma.FromRgb(px, Unsafe.Add(ref px, 1), Unsafe.Add(ref px, 2));
            }
        }
        else
        {
            for (int col = 0; col < Cols; col++)
            {
                destination[col] = Unsafe.Add(ref p, SourceCol(col));
            }
        }
    }
}
