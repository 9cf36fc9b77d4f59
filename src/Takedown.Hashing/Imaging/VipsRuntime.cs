using NetVips;

namespace Takedown.Hashing.Imaging;

/// <summary>
/// Process-wide libvips settings for decoding untrusted input, applied once before the first decode:
/// no operation cache (nothing from one file outlives its decode, so memory stays flat over millions of
/// files), untrusted operations blocked (loaders such as SVG, CSV, matrix and libMagick can never run),
/// and libvips warnings kept off stderr (failures surface as <see cref="ImageDecodeException"/>).
/// </summary>
internal static class VipsRuntime
{
    private static readonly Lazy<bool> s_initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Applies the settings if not done yet. Cheap after the first call.</summary>
    public static void EnsureInitialized() => _ = s_initialized.Value;

    private static bool Initialize()
    {
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        NetVips.NetVips.BlockUntrusted = true;
        Log.SetLogHandler(
            "VIPS",
            Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug,
            static (_, _, _) => { });
        return true;
    }
}
