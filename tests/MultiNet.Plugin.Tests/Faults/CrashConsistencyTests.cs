using FluentAssertions;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Crash consistency: the engine's process (multinet in thin mode, multinetd in thick mode) killed with SIGKILL at many
/// points of an ADD of three networks. The checkpoint is never corrupt (it parses, or is absent with at most a temp file
/// beside it), and the DEL the runtime sends next (after a retried ADD, or not; in thick mode with the daemon still down
/// or restarted) leaves no link, lease, checkpoint or temp file. In thick mode the shim survives the daemon, so the
/// runtime gets a CNI error, never silence.
/// </summary>
public sealed class CrashConsistencyTests
{
    private const int Networks = 3;

    public static TheoryData<PluginMode, CrashPoint, int, AfterCrash> Points()
    {
        var data = new TheoryData<PluginMode, CrashPoint, int, AfterCrash>();
        foreach (var mode in FaultHarness.Modes)
        {
            // Thick mode: every DEL with the daemon down has a twin through the restarted daemon.
            AfterCrash[] dels = mode == PluginMode.Thin ? [AfterCrash.Del] : [AfterCrash.Del, AfterCrash.RestartThenDel];
            foreach (var after in dels.Append(AfterCrash.RetryAddThenDel))
            {
                data.Add(mode, CrashPoint.PlanWrite, 0, after);
                data.Add(mode, CrashPoint.StatusWrite, 0, after);
            }

            foreach (var point in new[] { CrashPoint.InDelegate, CrashPoint.ResultWrite })
            {
                for (var position = 0; position < Networks; position++)
                {
                    foreach (var after in dels)
                    {
                        data.Add(mode, point, position, after);
                    }
                }

                data.Add(mode, point, 1, AfterCrash.RetryAddThenDel);
            }
        }

        return data;
    }

    [RootTheory]
    [MemberData(nameof(Points))]
    public async Task Add_KilledAtAPoint_LeavesAReadableCheckpointAndDelLeavesNothing(PluginMode mode, CrashPoint point, int position, AfterCrash after)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        var binary = await CrashHarness.ArrangeAsync(h, point, position, Networks);

        var add = await h.RunAsync("ADD", binary: binary);

        add.ExitCode.Should().NotBe(0, FaultAssertions.Context(h, add));
        if (h.Daemon is null)
        {
            add.Stdout.Should().BeEmpty("multinet was killed before it could answer");
        }
        else
        {
            await h.Daemon.WaitForExitAsync();
            AssertShimAnsweredForTheDeadDaemon(h, add);
        }

        AssertCheckpointConsistent(h, point switch
        {
            CrashPoint.PlanWrite => null,
            CrashPoint.StatusWrite => Networks,
            _ => position,
        }, point == CrashPoint.ResultWrite);
        if (h.Daemon is not null && after != AfterCrash.Del)
        {
            await h.Daemon.StartAsync(); // as the DaemonSet's restart would
        }

        if (after == AfterCrash.RetryAddThenDel)
        {
            // A runtime that retries ADD without DEL: on a clean netns it works; over the crashed ADD's interfaces it
            // fails with 105 (a live pod is never torn down by a duplicate ADD) and the DEL below clears everything.
            var again = await h.RunAsync("ADD");
            if (point == CrashPoint.PlanWrite)
            {
                FaultAssertions.Attached(h, again, "eth0", "net1", "net2");
            }
            else
            {
                again.Json["code"]!.GetValue<int>().Should().Be(105, FaultAssertions.Context(h, again));
                again.Json["msg"]!.GetValue<string>().Should().Contain("\"eth0\" already exists");
                new CheckpointStore(h.Node.CniDir).Read(h.ContainerId).Should().NotBeNull("the crashed ADD's checkpoint stays for DEL");
            }
        }

        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
        if (point == CrashPoint.InDelegate)
        {
            // The delegate that killed multinet(d) lives on for a second: in thick mode the shim answers once it is
            // gone, in thin mode the DEL (or the retried ADD) waits for it, so neither can race it.
            h.Log.Should().Contain("waiting for delegates a killed operation left running");
        }

        if (h.Daemon is not null && after == AfterCrash.Del)
        {
            h.Log.Should().Contain("deleting from the checkpoint here", "the shim ran the DEL itself while the daemon was down");
        }
    }

    [RootTheory]
    [MemberData(nameof(FaultHarness.ModeData), MemberType = typeof(FaultHarness))]
    public async Task Del_RightAfterAKilledAdd_WaitsForTheDelegateStillAttachingThenRemovesWhatItDid(PluginMode mode)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        var fired = Path.Combine(h.Node.Root, "late-fired");
        // Network 1's plugin kills multinet (thin) or multinetd (thick), then attaches half a second later, orphaned.
        ScriptPlugins.Install(h, "mnf-late",
            $"if [ \"$CNI_COMMAND\" = ADD ] && [ ! -e {fired} ]; then touch {fired}; kill -9 $PPID; sleep 0.5; fi\nexec /usr/lib/cni/bridge");
        h.AddNad("mnf-net1", new System.Text.Json.Nodes.JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["type"] = "mnf-late",
            ["bridge"] = h.Node.BridgeName("fn1"), // registered, so the node removes it
            ["ipam"] = h.Node.HostLocal(FaultHarness.Subnet(1)),
        });
        h.AddPod("mnf-net1");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().NotBe(0, FaultAssertions.Context(h, add));
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
        h.Log.Should().Contain("waiting for delegates a killed operation left running");
        await Task.Delay(1000);
        h.Node.AssertNothingLeaked(); // nothing attached after the DEL either
    }

    /// <summary>
    /// No request lost without an error: the shim, whose daemon died with the ADD, answers a CNI error (code 11, naming
    /// the daemon's socket), never empty stdout or a stack trace.
    /// </summary>
    private static void AssertShimAnsweredForTheDeadDaemon(ThinModeHarness h, PluginProcess.Outcome add)
    {
        var context = FaultAssertions.Context(h, add);
        h.Daemon!.IsRunning.Should().BeFalse("the crash killed multinetd, not the shim");
        add.Stdout.Should().StartWith("{", context);
        add.Json["code"]!.GetValue<int>().Should().Be(11, context);
        add.Json["msg"]!.GetValue<string>().Should().Contain($"multinetd on socket \"{h.Daemon.SocketPath}\"").And.Contain("took the ADD but gave no answer");
        (add.Stdout + add.Stderr).Should().NotContain("   at ", "no stack trace reaches the runtime");
    }

    /// <summary>
    /// cniDir holds only the container's checkpoint and temp files; the checkpoint, when there, parses and records a
    /// result for exactly the first <paramref name="recorded"/> networks (null: no checkpoint at all); a temp file is
    /// there only when a write was killed (<paramref name="killedInWrite"/>).
    /// </summary>
    private static void AssertCheckpointConsistent(ThinModeHarness h, int? recorded, bool killedInWrite)
    {
        // The engine's per-container lock file may outlive a killed process too; it holds no state, DEL removes it.
        var names = h.Node.Checkpoints().Select(Path.GetFileName).Where(n => n != $".{h.ContainerId}.lock").ToList();
        names.Should().OnlyContain(n => n == $"{h.ContainerId}.json" || (n!.StartsWith($".{h.ContainerId}.", StringComparison.Ordinal) && n.EndsWith(".tmp", StringComparison.Ordinal)));
        var checkpoint = new CheckpointStore(h.Node.CniDir).Read(h.ContainerId);
        if (recorded is null)
        {
            checkpoint.Should().BeNull("the plan was never renamed into place");
            names.Should().ContainSingle("the killed writer's temp file is left for DEL to remove");
            return;
        }

        checkpoint.Should().NotBeNull();
        names.Any(n => n!.EndsWith(".tmp", StringComparison.Ordinal)).Should().Be(killedInWrite, "only a write killed before its rename leaves a temp file");
        checkpoint!.Plan.Attachments.Should().HaveCount(Networks);
        checkpoint.Results.Select(r => r is not null).Should().Equal(Enumerable.Range(0, Networks).Select(i => i < recorded));
    }
}
