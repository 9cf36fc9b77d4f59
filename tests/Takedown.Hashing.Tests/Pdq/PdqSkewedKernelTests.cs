using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

/// <summary>
/// The skewed-segment kernel (512x512 RGB or grey, eight lanes) against the plain port of the reference, bit for bit,
/// on images chosen to hit its edges: the first and last columns and rows, the lanes that start or end outside
/// the image, and the hand-over between the eight 64-row segments.
/// </summary>
public sealed class PdqSkewedKernelTests
{
    public static TheoryData<string, int> Images() => new()
    {
        { "noise", 1536 },
        { "noise", 1537 },
        { "noise", 1600 },
        { "gradient", 1536 },
        { "black", 1536 },
        { "white", 1536 },
        { "checker", 1536 },
        { "stripes", 1539 },
        { "segment-edges", 1536 },
        { "sparse", 1536 },
    };

    [Fact]
    public void Applies_512x512Rgb_OnlyThatShapeAndOnlyWithAvx2()
    {
        byte[] rgb = new byte[512 * 512 * 3];
        byte[] grey = new byte[512 * 512];
        float[] luma = new float[512 * 512];
        byte[] large = new byte[700 * 600 * 3];

        PdqSkewedKernel.Applies(PdqInput.FromPixels(rgb, 512, 512, 1536, PdqPixelFormat.Rgb24, fileMode: false)).ShouldBe(Avx2.IsSupported);
        PdqSkewedKernel.Applies(PdqInput.FromPixels(large, 700, 600, 2100, PdqPixelFormat.Rgb24, fileMode: true)).ShouldBe(Avx2.IsSupported);
        PdqSkewedKernel.Applies(PdqInput.FromPixels(large, 700, 600, 2100, PdqPixelFormat.Rgb24, fileMode: false)).ShouldBeFalse();
        PdqSkewedKernel.Applies(PdqInput.FromPixels(rgb, 511, 512, 1536, PdqPixelFormat.Rgb24, fileMode: false)).ShouldBeFalse();
        PdqSkewedKernel.Applies(PdqInput.FromPixels(grey, 512, 512, 512, PdqPixelFormat.Grey8, fileMode: false)).ShouldBe(Avx2.IsSupported);
        PdqSkewedKernel.Applies(PdqInput.FromLuma(luma, 512, 512)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Downsample_512x512Rgb_BitIdenticalToScalarPort(string pattern, int stride)
    {
        if (!Avx2.IsSupported)
        {
            // This run has no AVX2 (the suite's reruns turn it off): the kernel must not be chosen at all.
            PdqSkewedKernel.Applies(PdqInput.FromPixels(new byte[512 * 1536], 512, 512, 1536, PdqPixelFormat.Rgb24, fileMode: false)).ShouldBeFalse();
            return;
        }

        // Given
        byte[] pixels = Make(pattern, 512, 512, stride);
        var input = PdqInput.FromPixels(pixels, 512, 512, stride, PdqPixelFormat.Rgb24, fileMode: false);

        // When / Then
        DownsampleShouldMatchScalarPort(input);
    }

    [Theory]
    [InlineData("noise", 512)]
    [InlineData("noise", 515)]
    [InlineData("segment-edges", 512)]
    [InlineData("checker", 512)]
    public void Downsample_512x512Grey_BitIdenticalToScalarPort(string pattern, int stride)
    {
        if (!Avx2.IsSupported)
        {
            PdqSkewedKernel.Applies(PdqInput.FromPixels(new byte[512 * 512], 512, 512, 512, PdqPixelFormat.Grey8, fileMode: false)).ShouldBeFalse();
            return;
        }

        // Given: the red channel of the RGB pattern as grey
        byte[] rgb = Make(pattern, 512, 512, 1536);
        byte[] grey = new byte[(511 * stride) + 512];
        for (int y = 0; y < 512; y++)
        {
            for (int x = 0; x < 512; x++)
            {
                grey[(y * stride) + x] = rgb[(y * 1536) + (x * 3)];
            }
        }

        // When / Then
        DownsampleShouldMatchScalarPort(PdqInput.FromPixels(grey, 512, 512, stride, PdqPixelFormat.Grey8, fileMode: false));
    }

    [Theory]
    [InlineData(700, 600)]
    [InlineData(1024, 2000)]
    public void Downsample_ResizedGrey_BitIdenticalToScalarPort(int width, int height)
    {
        if (!Avx2.IsSupported)
        {
            return;
        }

        // Given
        byte[] grey = new byte[width * height];
        new Random(width).NextBytes(grey);

        // When / Then
        DownsampleShouldMatchScalarPort(PdqInput.FromPixels(grey, width, height, width, PdqPixelFormat.Grey8, fileMode: true));
    }

    [Theory]
    [InlineData(700, 600)]
    [InlineData(1024, 513)]
    [InlineData(513, 2000)]
    [InlineData(4000, 3000)]
    public void Downsample_ResizedRgb_BitIdenticalToScalarPort(int width, int height)
    {
        if (!Avx2.IsSupported)
        {
            PdqSkewedKernel.Applies(PdqInput.FromPixels(new byte[width * height * 3], width, height, width * 3, PdqPixelFormat.Rgb24, fileMode: true)).ShouldBeFalse();
            return;
        }

        // Given
        byte[] pixels = Make("noise", width, height, width * 3);
        var input = PdqInput.FromPixels(pixels, width, height, width * 3, PdqPixelFormat.Rgb24, fileMode: true);

        // When / Then
        DownsampleShouldMatchScalarPort(input);
    }

    [Theory]
    [InlineData(PdqPixelFormat.Rgb24)]
    [InlineData(PdqPixelFormat.Grey8)]
    public void Downsample_PixelsEndAtAnUnreadablePage_ReadsNothingPastTheLastPixel(PdqPixelFormat format)
    {
        if (!Avx2.IsSupported)
        {
            return;
        }

        // Given: the image's last byte is the last byte before a PROT_NONE page, so any over-read faults.
        int rowBytes = format == PdqPixelFormat.Rgb24 ? 1536 : 512;
        using var guarded = new GuardedBuffer(512 * rowBytes);
        Make("noise", 512, 512, 1536).AsSpan(0, 512 * rowBytes).CopyTo(guarded.Span);
        var input = PdqInput.FromPixels(guarded.Span, 512, 512, rowBytes, format, fileMode: false);

        // When / Then
        DownsampleShouldMatchScalarPort(input);
    }

    [Fact]
    public void Hash_512x512Rgb_SameHashAndQualityOnEveryKernel()
    {
        byte[] pixels = Make("noise", 512, 512, 1536);
        var input = PdqInput.FromPixels(pixels, 512, 512, 1536, PdqPixelFormat.Rgb24, fileMode: false);
        PdqResult scalar = PdqCore.Hash(input, PdqKernel.Scalar);
        PdqResult vector = PdqCore.Hash(input, PdqKernel.Auto);

        vector.Hash.ShouldBe(scalar.Hash);
        vector.Quality.ShouldBe(scalar.Quality);
    }

    /// <summary>The skewed kernel's 64x64 buffer for <paramref name="input"/> equals the scalar port's, bit for bit.</summary>
    private static void DownsampleShouldMatchScalarPort(in PdqInput input)
    {
        float[] expected = new float[64 * 64];
        float[] actual = new float[64 * 64];
        PdqScalarKernel.Downsample(input, expected);
        PdqSkewedKernel.Downsample(input, actual);
        Bits(actual).ShouldBe(Bits(expected));
    }

    private static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();

    /// <summary>A test image of <paramref name="width"/> x <paramref name="height"/> RGB pixels, rows <paramref name="stride"/> bytes apart.</summary>
    private static byte[] Make(string pattern, int width, int height, int stride)
    {
        var random = new Random(pattern.Length * 7919);
        byte[] pixels = new byte[((height - 1) * stride) + (width * 3)];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * stride) + (x * 3);
                (byte r, byte g, byte b) = pattern switch
                {
                    "noise" => ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)),
                    "gradient" => ((byte)(x / 2), (byte)(y / 2), (byte)((x + y) / 4)),
                    "black" => ((byte)0, (byte)0, (byte)0),
                    "white" => ((byte)255, (byte)255, (byte)255),
                    "checker" => ((x + y) % 2 == 0 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0)),
                    "stripes" => ((byte)(x % 8 < 4 ? 250 : 3), (byte)(y % 3 == 0 ? 200 : 10), (byte)(x * y)),

                    // Bright only where the kernel changes regime: the first and last columns and rows, and the
                    // rows either side of each 64-row segment boundary.
                    "segment-edges" => x < 3 || x > 508 || y < 3 || y > 508 || (y % 64) < 2 || (y % 64) > 61
                        ? ((byte)255, (byte)(x & 255), (byte)(y & 255))
                        : ((byte)1, (byte)2, (byte)3),
                    _ => random.Next(1000) == 0 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0),
                };
                pixels[i] = r;
                pixels[i + 1] = g;
                pixels[i + 2] = b;
            }
        }

        return pixels;
    }

    /// <summary>Native memory whose last byte is followed by an inaccessible page.</summary>
    private sealed unsafe class GuardedBuffer : IDisposable
    {
        private const int ProtNone = 0;
        private const int ProtRead = 1;
        private const int ProtWrite = 2;
        private const int MapPrivate = 0x02;
        private const int MapAnonymous = 0x20;

        private readonly nint mapping;
        private readonly nuint mappedLength;
        private readonly int length;

        public GuardedBuffer(int length)
        {
            this.length = length;
            nuint page = (nuint)Environment.SystemPageSize;
            nuint data = ((nuint)length + page - 1) / page * page;
            mappedLength = data + page;
            mapping = Mmap(0, mappedLength, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (mapping == -1)
            {
                throw new InvalidOperationException("mmap failed");
            }

            if (Mprotect(mapping + (nint)data, page, ProtNone) != 0)
            {
                throw new InvalidOperationException("mprotect failed");
            }

            Start = (byte*)(mapping + (nint)data - length);
        }

        public byte* Start { get; }

        public Span<byte> Span => new(Start, length);

        public void Dispose() => _ = Munmap(mapping, mappedLength);

        [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
        private static extern nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

        [DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
        private static extern int Mprotect(nint address, nuint length, int protection);

        [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
        private static extern int Munmap(nint address, nuint length);
    }
}
