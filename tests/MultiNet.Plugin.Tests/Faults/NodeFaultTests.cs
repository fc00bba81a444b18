using FluentAssertions;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Fault matrix, node: the pod's netns gone before DEL, the checkpoint directory read-only or full, DEL twice and DEL
/// without ADD.
/// </summary>
public sealed class NodeFaultTests
{
    public static TheoryData<PluginMode, string> CheckpointDirFaults() => FaultHarness.Cells("read-only", "full");

    public static TheoryData<PluginMode, string> NetnsGone() => FaultHarness.Cells("same path", "no CNI_NETNS");

    [RootTheory]
    [MemberData(nameof(NetnsGone))]
    public async Task Del_NetnsDeletedFirst_SucceedsAndFreesTheLeases(PluginMode mode, string netns)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 3);
        FaultAssertions.Attached(h, await h.RunAsync("ADD"), "eth0", "net1", "net2");
        h.Node.Leases().Should().HaveCount(3);

        Shell.Check("ip", "netns", "del", h.Node.NetnsName);
        var del = await h.RunAsync("DEL", netns: netns == "same path" ? h.Node.NetnsPath : null);

        del.ExitCode.Should().Be(0, FaultAssertions.Context(h, del));
        h.Node.Leases().Should().BeEmpty("the addresses are released even though the interfaces went with the netns");
        h.Node.Checkpoints().Should().BeEmpty();
        Shell.Check("ip", "netns", "add", h.Node.NetnsName); // for the harness's own teardown
    }

    [RootTheory]
    [MemberData(nameof(CheckpointDirFaults))]
    public async Task Add_CheckpointDirUnwritable_Fails104BeforeAnyDelegateNamingThePath(PluginMode mode, string fault)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 2);
        Directory.CreateDirectory(h.Node.CniDir);
        var filler = Path.Combine(h.Node.CniDir, "filler");
        try
        {
            if (fault == "full")
            {
                Shell.Check("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", h.Node.CniDir);
                // Fill it: dd stops with "No space left on device", which is the point.
                Shell.Run("dd", "if=/dev/zero", $"of={filler}", "bs=4k", "count=64");
            }
            else
            {
                Shell.Check("mount", "--bind", h.Node.CniDir, h.Node.CniDir);
                Shell.Check("mount", "-o", "remount,ro,bind", h.Node.CniDir);
            }

            var add = await h.RunAsync("ADD");

            var context = FaultAssertions.Context(h, add);
            add.ExitCode.Should().NotBe(0, context);
            add.Json["code"]!.GetValue<int>().Should().Be(104, context);
            add.Json["msg"]!.GetValue<string>().Should().Contain($"checkpoint \"{h.Node.CniDir}/{h.ContainerId}.json\"").And.Contain("cannot write");
            Shell.Run("ip", "link", "show", h.ClusterBridge).ExitCode.Should().NotBe(0, "no delegate runs without a durable plan");
            h.Node.Checkpoints().Where(f => f != filler).Should().BeEmpty("no temp file is left in the directory");
            h.Node.LinksInNetns().Should().BeEmpty();
            h.Node.Leases().Should().BeEmpty();
            var del = await h.RunAsync("DEL");
            del.ExitCode.Should().Be(0, FaultAssertions.Context(h, del));
            h.Node.Checkpoints().Where(f => f != filler).Should().BeEmpty();
        }
        finally
        {
            Shell.Run("umount", h.Node.CniDir);
        }

        h.Node.AssertNothingLeaked();
    }

    [RootTheory]
    [MemberData(nameof(FaultHarness.ModeData), MemberType = typeof(FaultHarness))]
    public async Task Del_CalledTwice_SecondIsANoOp(PluginMode mode)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 2);
        FaultAssertions.Attached(h, await h.RunAsync("ADD"), "eth0", "net1");

        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
    }

    [RootTheory]
    [MemberData(nameof(FaultHarness.ModeData), MemberType = typeof(FaultHarness))]
    public async Task Del_WithoutAdd_SucceedsWithNoApiCallAndNoDelegate(PluginMode mode)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 2);

        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h, netns: null);

        FaultHarness.EngineRequests(h).Should().BeEmpty();
        Shell.Run("ip", "link", "show", h.ClusterBridge).ExitCode.Should().NotBe(0, "no delegate ran");
    }
}
