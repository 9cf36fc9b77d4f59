using System.ComponentModel;
using System.Diagnostics;

namespace Takedown.Hashing.Video;

/// <summary>
/// One running <c>ffmpeg</c> or <c>ffprobe</c>: started without a shell (argument list), stdin closed, stdout
/// redirected for the caller to read, stderr drained into a bounded tail. Disposing always kills the whole process
/// tree if it is still running and waits for it, so no process outlives its owner.
/// </summary>
internal sealed class FfmpegProcess : IDisposable
{
    private const int StderrTailBytes = 8192;
    private static readonly TimeSpan s_reapTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly BoundedTail _stderr = new(StderrTailBytes);
    private readonly Task _stderrPump;
    private bool _disposed;

    private FfmpegProcess(Process process)
    {
        _process = process;
        _stderrPump = PumpStderrAsync(process.StandardError.BaseStream, _stderr);
    }

    /// <summary>The process's standard output (raw bytes).</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>The last few kilobytes the process wrote to stderr.</summary>
    public string StandardErrorTail => _stderr.ToString();

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, each passed as one argument.</summary>
    /// <exception cref="VideoDecodeException">The program could not be started.</exception>
    public static FfmpegProcess Start(string fileName, IEnumerable<string> arguments, Action<Process>? started)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new VideoDecodeException(
                VideoDecodeError.FfmpegUnavailable, $"Cannot start '{fileName}': {ex.Message}. Is FFmpeg installed and on PATH?", ex);
        }

        try
        {
            process.StandardInput.Close();
            started?.Invoke(process);
            return new FfmpegProcess(process);
        }
        catch
        {
            Reap(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the process to exit and for its stderr to be drained; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the process tree if it is still running and waits until it is gone.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Reap(_process);
        _process.Dispose();
    }

    private static void Reap(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // Exiting while being killed; WaitForExit below settles it.
        }

        process.WaitForExit(s_reapTimeout);
    }

    private static async Task PumpStderrAsync(Stream stderr, BoundedTail tail)
    {
        byte[] buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stderr.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                tail.Append(buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
            // The pipe broke because the process was killed; what was read is kept.
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed while its stderr was being read.
        }
    }
}
