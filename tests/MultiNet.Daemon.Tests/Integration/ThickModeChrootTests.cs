using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// chrootDir without a container: multinetd runs in its own mount namespace where the host's / is bind-mounted at a
/// "hostroot" folder (as the DaemonSet mounts it at /hostroot) and a host folder is hidden under an empty tmpfs (as a
/// folder the DaemonSet does not mount). That folder holds the cluster network's plugin and the node state it reads:
/// only a delegate run in the host's root can find and run it.
/// </summary>
public sealed class ThickModeChrootTests
{
    [RootTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddDel_ClusterPluginOnlyInHostFolders_WorksOnlyChrootedIntoTheHostRoot(bool chroot)
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        var hostOnly = Path.Combine(h.Node.Root, "host-only");
        var hostRoot = Directory.CreateDirectory(Path.Combine(h.Node.Root, "hostroot")).FullName;
        var plugin = new HostStatePlugin(Path.Combine(hostOnly, "bin"), Path.Combine(hostOnly, "state"), $"mn-hostnet-{h.RunId}");
        h.ClusterType = plugin.Type;
        h.ShimOverrides["binDir"] = Path.Combine(hostOnly, "bin");
        if (chroot)
        {
            h.DaemonConfig["chrootDir"] = hostRoot;
            h.DaemonConfig["cniConfig"] = new System.Text.Json.Nodes.JsonObject
            {
                ["generate"] = false,
                ["pluginKeys"] = new System.Text.Json.Nodes.JsonObject { ["binDir"] = Path.Combine(hostOnly, "bin") },
            };
        }

        h.DaemonWrapper = ["unshare", "--mount", "--propagation", "slave", "sh", "-c",
            "mount --rbind / \"$1\" && mount -t tmpfs tmpfs \"$2\" && shift 2 && exec \"$@\"", "sh", hostRoot, hostOnly];
        await h.StartDaemonAsync();
        h.AddMacvlanNad();
        var pod = h.NewPod("macvlan-a");

        var add = await h.RunAsync("ADD", pod);

        if (!chroot)
        {
            add.ExitCode.Should().NotBe(0, "the daemon's own root does not have the host-only folder");
            add.Stdout.Should().Contain($"failed to find plugin \\\"{plugin.Type}\\\"");
            h.AssertNothingLeaked();
            return;
        }

        add.ExitCode.Should().Be(0, add.Stdout + h.Logs);
        ((string)add.Json["ips"]![0]!["address"]!).Should().StartWith(h.ClusterSubnet[..^5]);
        pod.Links().Should().BeEquivalentTo("eth0", "net1");
        plugin.Calls().Should().Equal($"ADD {pod.ContainerId} node-state");

        var del = await h.RunAsync("DEL", pod);

        del.ExitCode.Should().Be(0, del.Stdout + h.Logs);
        plugin.Calls().Should().Equal($"ADD {pod.ContainerId} node-state", $"DEL {pod.ContainerId} node-state");
        h.AssertNothingLeaked();
        await h.StopDaemonAsync();
        File.ReadAllLines("/proc/self/mounts").Should().NotContain(l => l.Contains(hostRoot, StringComparison.Ordinal),
            "the host root was mounted in the daemon's mount namespace only");
    }
}
