using System.Globalization;

#pragma warning disable CA1050 // The runtime looks for a type named StartupHook outside any namespace.

/// <summary>
/// Startup hook (<c>DOTNET_STARTUP_HOOKS</c>) that appends one line of GC figures every
/// <c>TAKEDOWN_GC_SAMPLE_MS</c> milliseconds (default 20) to the file named by <c>TAKEDOWN_GC_SAMPLES</c>:
/// <c>elapsed_ms total_memory_bytes heap_size_bytes committed_bytes gen0 gen1 gen2</c>.
/// The host process needs no change; the sampler thread is a background thread.
/// </summary>
internal static class StartupHook
{
    /// <summary>Called by the runtime before <c>Main</c>.</summary>
    public static void Initialize()
    {
        string? path = Environment.GetEnvironmentVariable("TAKEDOWN_GC_SAMPLES");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        int interval = int.TryParse(Environment.GetEnvironmentVariable("TAKEDOWN_GC_SAMPLE_MS"), CultureInfo.InvariantCulture, out int ms) ? ms : 20;
        var thread = new Thread(() => Sample(path, interval)) { IsBackground = true, Name = "gc-sampler" };
        thread.Start();
    }

    private static void Sample(string path, int interval)
    {
        long start = Environment.TickCount64;
        using var writer = new StreamWriter(path, append: false) { AutoFlush = true };
        while (true)
        {
            GCMemoryInfo info = GC.GetGCMemoryInfo();
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{Environment.TickCount64 - start} {GC.GetTotalMemory(false)} {info.HeapSizeBytes} {info.TotalCommittedBytes} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}"));
            Thread.Sleep(interval);
        }
    }
}
