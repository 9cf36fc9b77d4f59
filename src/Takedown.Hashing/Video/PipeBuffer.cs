using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Takedown.Hashing.Video;

/// <summary>
/// Enlarges the kernel buffer of FFmpeg's stdout pipe (Linux <c>fcntl(F_SETPIPE_SZ)</c>). With the default 64 KB a
/// 1 MB RGB frame crosses the pipe in 16 hand-offs, each waking the reader and then the blocked FFmpeg again; with a
/// buffer of about one frame FFmpeg writes a whole frame while the reader hashes the previous one. Best effort: on
/// another OS, or when the kernel refuses (a per-user pipe quota), the default buffer stays.
/// </summary>
internal static partial class PipeBuffer
{
    private const int FSetPipeSize = 1031;
    private const int FGetPipeSize = 1032;

    /// <summary>The kernel's default ceiling for unprivileged processes (<c>/proc/sys/fs/pipe-max-size</c>).</summary>
    internal const int MaxBytes = 1 << 20;

    /// <summary>Whether to enlarge pipes at all (tests and benchmarks turn it off to measure the difference).</summary>
    internal static bool Enabled { get; set; } = true;

    /// <summary>
    /// Asks for a pipe buffer of at least <paramref name="wantedBytes"/> (capped at <see cref="MaxBytes"/>); returns the
    /// resulting buffer size, or 0 when it is unknown (not a pipe, not Linux, or turned off).
    /// </summary>
    public static int TryEnlarge(Stream stream, int wantedBytes)
    {
        if (!Enabled || !OperatingSystem.IsLinux() || stream is not PipeStream pipe)
        {
            return 0;
        }

        int fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        int size = Math.Min(MaxBytes, Math.Max(wantedBytes, 4096));
        while (size > 65536 && SetPipeSize(fd, FSetPipeSize, size) < 0)
        {
            size /= 2;
        }

        int actual = SetPipeSize(fd, FGetPipeSize, 0);
        return actual > 0 ? actual : 0;
    }

    // fcntl is variadic; on the System V x86-64 and AArch64 Linux ABIs an int third argument is passed exactly as
    // for a fixed-argument function.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int SetPipeSize(int fd, int command, int size);
}
