using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipes;

namespace MultiNet.Cni.Invocation;

/// <summary>
/// Finds and kills every process that holds the write end of a plugin's stdout or stderr pipe. Killing the plugin's
/// process tree misses a child that was re-parented (the plugin exited, or it double-forked into its own session) but
/// still holds the pipe: the read never ends and the process would outlive the call.
/// </summary>
internal static class PipeHolders
{
    /// <summary>Kills (SIGKILL) every other process that has the pipe behind <paramref name="readEnd"/> open.</summary>
    public static void KillAll(Stream readEnd)
    {
        if (!OperatingSystem.IsLinux() || readEnd is not PipeStream pipe || PipeName(pipe) is not { } name)
        {
            return;
        }

        foreach (var pid in Holders(name))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // Gone between the scan and the signal.
            }
        }
    }

    private static string? PipeName(PipeStream pipe)
    {
        var fd = pipe.SafePipeHandle.DangerousGetHandle().ToInt64().ToString(CultureInfo.InvariantCulture);
        return LinkTarget($"/proc/self/fd/{fd}") is { } target && target.StartsWith("pipe:", StringComparison.Ordinal) ? target : null;
    }

    private static List<int> Holders(string pipeName)
    {
        var self = Environment.ProcessId;
        var holders = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")).Any(fd => LinkTarget(fd) == pipeName))
                {
                    holders.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited during the scan, or not ours to look at.
            }
        }

        return holders;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
