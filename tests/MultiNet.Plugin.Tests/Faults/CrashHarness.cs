using System.Text.Json.Nodes;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Arranges a SIGKILL of multinet at a <see cref="CrashPoint"/>, by external means only (strace fault injection, a
/// delegate that kills its parent, the API stand-in killing the caller): nothing in the product knows it is tested.
/// Every crash fires once, so a retried ADD runs normally.
/// </summary>
internal static class CrashHarness
{
    private const string CrashType = "mnf-crash";

    /// <summary>Sets up the crash; returns the binary to run for the ADD that crashes (null: the published multinet).</summary>
    public static string? Arrange(ThinModeHarness h, CrashPoint point, int position, int count)
    {
        var fired = Path.Combine(h.Node.Root, "crash-fired");
        switch (point)
        {
            case CrashPoint.PlanWrite:
                FaultHarness.ArrangePod(h, count);
                // The plan is the only write that is fsynced, and it happens before any delegate starts.
                return ScriptPlugins.Write(Path.Combine(h.Node.Root, "multinet-under-strace"),
                    $"exec strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:signal=SIGKILL {RepoLayout.Plugin}");
            case CrashPoint.InDelegate:
                ScriptPlugins.Install(h, CrashType, Once(fired, "kill -9 $PPID\nsleep 1\nexit 1"));
                break;
            case CrashPoint.ResultWrite:
                // Attached from inside network k's list, strace kills multinet at its next rename: the checkpoint
                // write of network k's result. The loop waits until every thread of multinet is traced.
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

                    Shell.Run("kill", "-9", File.ReadAllText(pidFile).Trim());
                    return Fault.Drop();
                });
                // sh gives a background job /dev/null as stdin unless told otherwise: hand it ours explicitly.
                return ScriptPlugins.Write(Path.Combine(h.Node.Root, "multinet-with-pid"),
                    $"exec 3<&0\n{RepoLayout.Plugin} <&3 &\necho $! > {pidFile}\nwait $!");
            default:
                throw new ArgumentOutOfRangeException(nameof(point), point, null);
        }

        FaultHarness.ArrangePod(h, count, position, new JsonObject { ["type"] = CrashType });
        return null;
    }

    /// <summary>A plugin body that runs <paramref name="crash"/> on its first ADD and answers an empty result after that.</summary>
    private static string Once(string fired, string crash) =>
        $"cat > /dev/null\n[ \"$CNI_COMMAND\" = ADD ] || exit 0\n" +
        $"if [ ! -e {fired} ]; then\ntouch {fired}\n{crash}\nfi\necho '{{\"cniVersion\": \"1.0.0\"}}'";
}
