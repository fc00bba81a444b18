using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Engine;
using MultiNet.Cni.Invocation;

namespace MultiNet.Attachments.Execution;

/// <summary>
/// Delegates a killed operation left running for a container: the multinet process or the daemon that started them
/// died (SIGKILL, OOM, a node restart of the daemon pod), they did not. Every delegate carries
/// <see cref="PluginProcessRunner.ContainerMarkerVariable"/> (its children inherit it), and only delegates do. The
/// next operation on the container waits for them before it tears anything down: a delegate that finished after a DEL
/// would re-create what the DEL removed (an interface, a lease) with no checkpoint left to find it by.
/// </summary>
public static class OrphanedDelegates
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits until no process carries the container's marker; after <paramref name="limit"/> (the delegate timeout the
    /// dead process would have enforced) kills those still running, as it would have. Costs one scan of /proc.
    /// </summary>
    public static async Task WaitAsync(string containerId, TimeSpan limit, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        var marker = Encoding.UTF8.GetBytes($"\0{PluginProcessRunner.ContainerMarkerVariable}={containerId}\0");
        var deadline = DateTime.UtcNow + limit;
        var pids = Find(marker);
        if (pids.Count == 0)
        {
            return;
        }

        EngineLog.WaitingForOrphans(logger, containerId, string.Join(", ", pids));
        while (pids.Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                EngineLog.KillingOrphans(logger, containerId, string.Join(", ", pids));
                // Each pid is checked again just before its signal: one that exited meanwhile may have been reused.
                pids.Where(pid => Carries(pid, marker)).ToList().ForEach(Kill);
                var killed = DateTime.UtcNow + KillGrace;
                while (Find(marker).Count > 0 && DateTime.UtcNow < killed)
                {
                    await Task.Delay(PollInterval, ct).ConfigureAwait(false);
                }

                return;
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            pids = Find(marker);
        }
    }

    /// <summary>Processes other than this one whose environment holds the marker (zombies have none).</summary>
    private static List<int> Find(byte[] marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && Carries(pid, marker))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static bool Carries(int pid, byte[] marker)
    {
        try
        {
            var environ = File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");
            // The first variable has no NUL before it.
            return environ.AsSpan().IndexOf(marker) >= 0 || environ.AsSpan().StartsWith(marker.AsSpan(1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the process ended meanwhile, or is not ours to read
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }
}
