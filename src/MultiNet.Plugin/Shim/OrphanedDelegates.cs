using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MultiNet.Plugin.Shim;

/// <summary>
/// Delegates that a dead multinetd left running for a container (they carry its <c>CNI_CONTAINERID</c>). The shim waits
/// for them before it answers an ADD the daemon took without answering and before it runs a DEL itself: a delegate that
/// finished after the DEL would re-create what the DEL removed, with no checkpoint left to find it by.
/// </summary>
internal static class OrphanedDelegates
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Waits until no other process carries the container id; after <paramref name="limit"/> (the delegate timeout the
    /// dead daemon would have enforced) kills those still running, as it would have.
    /// </summary>
    public static async Task WaitAsync(string containerId, TimeSpan limit, ILogger logger, CancellationToken ct)
    {
        var marker = Encoding.UTF8.GetBytes($"\0CNI_CONTAINERID={containerId}\0");
        var deadline = DateTime.UtcNow + limit;
        var pids = Find(marker);
        if (pids.Count == 0)
        {
            return;
        }

        ShimLog.WaitingForOrphans(logger, containerId, string.Join(", ", pids));
        while (pids.Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                ShimLog.KillingOrphans(logger, containerId, string.Join(", ", pids));
                pids.ForEach(Kill);
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
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                // The first variable has no NUL before it.
                if (environ.AsSpan().IndexOf(marker) >= 0 || environ.AsSpan().StartsWith(marker.AsSpan(1)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile, or is not ours to read.
            }
        }

        return found;
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
