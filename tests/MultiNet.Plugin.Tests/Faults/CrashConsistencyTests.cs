using FluentAssertions;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using Xunit;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Crash consistency: multinet killed with SIGKILL at many points of an ADD of three networks. The checkpoint is never
/// corrupt (it parses, or is absent with at most a temp file beside it), and the DEL the runtime sends next (after a
/// retried ADD, or not) leaves no link, lease, checkpoint or temp file.
/// </summary>
public sealed class CrashConsistencyTests
{
    private const int Networks = 3;

    public static TheoryData<PluginMode, CrashPoint, int, bool> Points()
    {
        var data = new TheoryData<PluginMode, CrashPoint, int, bool>();
        foreach (var mode in FaultHarness.Modes)
        {
            foreach (var retry in new[] { false, true })
            {
                data.Add(mode, CrashPoint.PlanWrite, 0, retry);
                data.Add(mode, CrashPoint.StatusWrite, 0, retry);
            }

            foreach (var point in new[] { CrashPoint.InDelegate, CrashPoint.ResultWrite })
            {
                for (var position = 0; position < Networks; position++)
                {
                    data.Add(mode, point, position, false);
                }

                data.Add(mode, point, 1, true);
            }
        }

        return data;
    }

    [RootTheory]
    [MemberData(nameof(Points))]
    public async Task Add_KilledAtAPoint_LeavesAReadableCheckpointAndDelLeavesNothing(PluginMode mode, CrashPoint point, int position, bool retryAdd)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        var binary = CrashHarness.Arrange(h, point, position, Networks);

        var add = await h.RunAsync("ADD", binary: binary);

        add.ExitCode.Should().NotBe(0, FaultAssertions.Context(h, add));
        add.Stdout.Should().BeEmpty("multinet was killed before it could answer");
        AssertCheckpointConsistent(h, point switch
        {
            CrashPoint.PlanWrite => null,
            CrashPoint.StatusWrite => Networks,
            _ => position,
        }, point == CrashPoint.ResultWrite);
        if (retryAdd)
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
    }

    /// <summary>
    /// cniDir holds only the container's checkpoint and temp files; the checkpoint, when there, parses and records a
    /// result for exactly the first <paramref name="recorded"/> networks (null: no checkpoint at all); a temp file is
    /// there only when a write was killed (<paramref name="killedInWrite"/>).
    /// </summary>
    private static void AssertCheckpointConsistent(ThinModeHarness h, int? recorded, bool killedInWrite)
    {
        var names = h.Node.Checkpoints().Select(Path.GetFileName).ToList();
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
