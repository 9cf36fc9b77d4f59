using System.Runtime.InteropServices;

namespace Takedown.Hashing.Imaging;

/// <summary>
/// The few TurboJPEG 2.x calls the JPEG fast path needs (Debian package <c>libturbojpeg0</c>). When the library
/// is missing, <see cref="IsAvailable"/> is <see langword="false"/> and every JPEG goes through libvips.
/// </summary>
internal static partial class TurboJpegInterop
{
    /// <summary>The shared library name (soname) on Linux.</summary>
    public const string Library = "libturbojpeg.so.0";

    /// <summary><c>TJPF_RGB</c>: 3 bytes per pixel, R, G, B.</summary>
    public const int PixelFormatRgb = 0;

    /// <summary><c>TJPF_GRAY</c>: 1 byte per pixel.</summary>
    public const int PixelFormatGray = 6;

    /// <summary><c>TJCS_GRAY</c>: a one-component JPEG.</summary>
    public const int ColorspaceGray = 2;

    /// <summary><c>TJCS_CMYK</c>.</summary>
    public const int ColorspaceCmyk = 3;

    /// <summary><c>TJCS_YCCK</c>.</summary>
    public const int ColorspaceYcck = 4;

    /// <summary><c>TJFLAG_LIMITSCANS</c>: refuse progressive JPEGs with more than 500 scans (a known CPU bomb).</summary>
    public const int FlagLimitScans = 32768;

    private static readonly Lazy<bool> s_available = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the library loads and exports what is needed.</summary>
    public static bool IsAvailable => s_available.Value;

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial TurboJpegHandle InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static unsafe partial int DecompressHeader3(TurboJpegHandle handle, byte* jpeg, nuint jpegSize,
        out int width, out int height, out int subsampling, out int colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static unsafe partial int Decompress2(TurboJpegHandle handle, byte* jpeg, nuint jpegSize,
        byte* destination, int width, int pitch, int height, int pixelFormat, int flags);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, typeof(TurboJpegInterop).Assembly, null, out IntPtr library))
        {
            return false;
        }

        return NativeLibrary.TryGetExport(library, "tjInitDecompress", out _) &&
               NativeLibrary.TryGetExport(library, "tjDecompressHeader3", out _) &&
               NativeLibrary.TryGetExport(library, "tjDecompress2", out _) &&
               NativeLibrary.TryGetExport(library, "tjDestroy", out _);
    }
}
