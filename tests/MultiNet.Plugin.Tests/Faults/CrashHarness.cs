using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Arranges a SIGKILL of the engine's process at a <see cref="CrashPoint"/> (multinet in thin mode, multinetd in thick
/// mode), by external means only (strace fault injection, a delegate that kills its parent, the API stand-in killing
/// the caller): nothing in the product knows it is tested. Every crash fires once, so a retried ADD runs normally.
/// </summary>
internal static class CrashHarness
{
    private const string CrashType = "mnf-crash";

    /// <summary>Sets up the crash; returns the binary to run for the ADD that crashes (null: the published multinet).</summary>
    public static async Task<string?> ArrangeAsync(ThinModeHarness h, CrashPoint point, int position, int count)
    {
        var fired = Path.Combine(h.Node.Root, "crash-fired");
        switch (point)
        {
            case CrashPoint.PlanWrite:
                FaultHarness.ArrangePod(h, count);
                // The plan is the only write that is fsynced, and it happens before any delegate starts. A daemon at
                // rest fsyncs nothing (it writes no file but checkpoints), so its next fsync is the plan's too.
                if (h.Daemon is not null)
                {
                    await AttachStraceAsync(h.Daemon.Pid, "fsync");
                    return null;
                }

                return ScriptPlugins.Write(Path.Combine(h.Node.Root, "multinet-under-strace"),
                    $"exec strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:signal=SIGKILL {RepoLayout.Plugin}");
            case CrashPoint.InDelegate:
                // The delegate's parent is the engine's process: multinet in thin mode, multinetd in thick mode.
                ScriptPlugins.Install(h, CrashType, Once(fired, "kill -9 $PPID\nsleep 1\nexit 1"));
                break;
            case CrashPoint.ResultWrite:
                // Attached from inside network k's list, strace kills its parent (multinet or multinetd) at its next
                // rename: the checkpoint write of network k's result. The loop waits until every thread is traced.
                ScriptPlugins.Install(h, CrashType, Once(fired, """
                    strace -qq -f -p $PPID -o /dev/null -e trace=rename -e inject=rename:signal=SIGKILL </dev/null >/dev/null 2>&1 &
                    i=0
                    while [ $i -lt 500 ] && grep -qs "TracerPid:[[:space:]]*0$" /proc/$PPID/task/*/status; do sleep 0.01; i=$((i+1)); done
                    """));
                break;
            case CrashPoint.StatusWrite:
                FaultHarness.ArrangePod(h, count);
                var pidFile = Path.Combine(h.Node.Root, "multinet.pid");
                var killed = 0;
                h.Api.InjectFault(r =>
                {
                    if (r.Method != "PATCH" || Interlocked.Exchange(ref killed, 1) == 1)
                    {
                        return null;
                    }

                    Shell.Run("kill", "-9", h.Daemon?.Pid.ToString(CultureInfo.InvariantCulture) ?? File.ReadAllText(pidFile).Trim());
                    return Fault.Drop();
                });
                // sh gives a background job /dev/null as stdin unless told otherwise: hand it ours explicitly.
                return h.Daemon is not null ? null : ScriptPlugins.Write(Path.Combine(h.Node.Root, "multinet-with-pid"),
                    $"exec 3<&0\n{RepoLayout.Plugin} <&3 &\necho $! > {pidFile}\nwait $!");
            default:
                throw new ArgumentOutOfRangeException(nameof(point), point, null);
        }

        FaultHarness.ArrangePod(h, count, position, new JsonObject { ["type"] = CrashType });
        return null;
    }

    /// <summary>
    /// Attaches strace to every thread of <paramref name="pid"/> (and, -f, to threads it starts later) to kill it at its
    /// next <paramref name="call"/>; returns once the kernel shows every thread traced. strace ends with its tracee.
    /// </summary>
    private static async Task AttachStraceAsync(int pid, string call)
    {
        var psi = new ProcessStartInfo("strace") { UseShellExecute = false };
        foreach (var arg in new[] { "-qq", "-f", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", "/dev/null",
                     "-e", $"trace={call}", "-e", $"inject={call}:signal=SIGKILL" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var strace = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!AllThreadsTraced(pid))
        {
            if (strace.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"strace did not attach to every thread of {pid} (exited: {strace.HasExited})");
            }

            await Task.Delay(10);
        }
    }

    private static bool AllThreadsTraced(int pid)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadLines(Path.Combine(task, "status")).Contains("TracerPid:\t0"))
                {
                    return false;
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return true;
    }

    /// <summary>A plugin body that runs <paramref name="crash"/> on its first ADD and answers an empty result after that.</summary>
    private static string Once(string fired, string crash) =>
        $"cat > /dev/null\n[ \"$CNI_COMMAND\" = ADD ] || exit 0\n" +
        $"if [ ! -e {fired} ]; then\ntouch {fired}\n{crash}\nfi\necho '{{\"cniVersion\": \"1.0.0\"}}'";
}
