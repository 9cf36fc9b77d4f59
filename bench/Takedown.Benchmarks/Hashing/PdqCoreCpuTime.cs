using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Takedown.Hashing.Pdq;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Benchmarks.Hashing;

/// <summary>
/// <c>--cputime</c> mode of the benchmark program: the PDQ hash core timed by the calling thread's CPU
/// time (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so figures stay usable on a loaded shared
/// machine where wall time is inflated by other processes. One thread, batches of calls, median per call.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/Takedown.Benchmarks -- --cputime [--batches 9] [--ops 200] [--kernels Vector256,Vector128,Scalar] [--cases hash512,dihedral512,luma720p]</c>
/// </remarks>
public static partial class PdqCoreCpuTime
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>Runs the timing and prints one line per case and kernel.</summary>
    public static void Run(string[] args, TextWriter output)
    {
        int batches = IntOption(args, "--batches", 9);
        int ops = IntOption(args, "--ops", 200);
        string[] kernels = StringOption(args, "--kernels", "Vector256,Vector128,Scalar").Split(',');
        string[] cases = StringOption(args, "--cases", "hash512,dihedral512,luma720p").Split(',');

        var inputs = new PdqCoreBenchmark();
        inputs.Setup();
        output.WriteLine($"# PDQ core, thread CPU time per call: median of {batches} batches x {ops} calls (min, 10th percentile, max in brackets); load {LoadAverage()}");
        output.WriteLine("case         kernel      cpu_us_median  [min, p10 .. max]   wall_us_median  result");
        foreach (string name in cases)
        {
            foreach (string kernelName in kernels)
            {
                inputs.Variant = Enum.Parse<PdqCoreBenchmark.Kernel>(kernelName);
                Func<string> call = name switch
                {
                    "hash512" => () => inputs.Hash512().Hash.ToString(),
                    "dihedral512" => () => inputs.Dihedral512().Quality.ToString(CultureInfo.InvariantCulture),
                    "luma720p" => () => inputs.Luma720p().Hash.ToString(),
                    _ => throw new ArgumentException($"unknown case {name}"),
                };
                int scaledOps = kernelName == "Scalar" ? Math.Max(1, ops / 20) : ops;
                string result = call();
                for (int i = 0; i < Math.Min(50, scaledOps); i++)
                {
                    call();
                }

                var cpu = new double[batches];
                var wall = new double[batches];
                for (int b = 0; b < batches; b++)
                {
                    long wallStart = Stopwatch.GetTimestamp();
                    long cpuStart = ThreadCpuNanoseconds();
                    for (int i = 0; i < scaledOps; i++)
                    {
                        call();
                    }

                    cpu[b] = (ThreadCpuNanoseconds() - cpuStart) / 1000.0 / scaledOps;
                    wall[b] = Stopwatch.GetElapsedTime(wallStart).TotalMicroseconds / scaledOps;
                }

                Array.Sort(cpu);
                Array.Sort(wall);
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name,-12} {kernelName,-10} {cpu[batches / 2],12:F1}  [{cpu[0]:F1}, {cpu[batches / 10]:F1} .. {cpu[^1]:F1}] {wall[batches / 2],12:F1}    {Shorten(result)}"));
            }
        }
    }

    private static string Shorten(string result) => result.Length > 16 ? $"{result[..8]}…{result[^4..]}" : result;

    private static long ThreadCpuNanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTime, out TimeSpec time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string StringOption(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
