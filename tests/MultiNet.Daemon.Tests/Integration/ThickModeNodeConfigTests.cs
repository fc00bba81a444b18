using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// The real multinetd generating 00-multinet.conflist in a node's CNI config folder: pods started with the generated
/// config go through the daemon, a new primary is picked up, and a missing readiness file takes the config away.
/// </summary>
public sealed class ThickModeNodeConfigTests
{
    private const string Generated = "00-multinet.conflist";

    [RootFact]
    public async Task PrimaryChanges_TheGeneratedConfigFollowsAndNewPodsGetTheNewPrimary()
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        var hostConfDir = Directory.CreateDirectory(Path.Combine(h.Node.Root, "host-net.d")).FullName;
        var firstPrimary = Path.Combine(hostConfDir, "10-cluster.conflist");
        await File.WriteAllTextAsync(firstPrimary, h.ClusterConflist().ToJsonString());
        h.DaemonConfig["cniConfig"] = Section(h, hostConfDir);
        await h.StartDaemonAsync();

        var generated = ReadGenerated(hostConfDir);
        generated["clusterNetwork"]!.GetValue<string>().Should().Be(firstPrimary);
        generated["daemonSocketDir"]!.GetValue<string>().Should().Be(h.SocketDir);
        var first = h.NewPod();
        var firstAdd = await RunWithGeneratedAsync(h, "ADD", first, generated);
        firstAdd.ExitCode.Should().Be(0, firstAdd.Stdout + h.Logs);
        ((string)firstAdd.Json["ips"]![0]!["address"]!).Should().StartWith(h.ClusterSubnet[..^5]);

        // A new primary sorts first: the daemon regenerates, and the next pod is attached to it.
        var secondPrimary = Path.Combine(hostConfDir, "05-other.conflist");
        var other = h.ClusterConflist();
        other["name"] = "other";
        other["plugins"]![0]!["bridge"] = h.Node.BridgeName("dot");
        other["plugins"]![0]!["ipam"] = h.Node.HostLocal(h.NadSubnet, h.NadSubnet.Replace(".0/24", ".1", StringComparison.Ordinal), defaultRoute: true);
        await File.WriteAllTextAsync(secondPrimary, other.ToJsonString());
        (await PollAsync(() => File.Exists(Path.Combine(hostConfDir, Generated))
            && ReadGenerated(hostConfDir)["clusterNetwork"]?.GetValue<string>() == secondPrimary))
            .Should().BeTrue("the generated config should name the new primary" + h.Logs);

        var second = h.NewPod();
        var secondAdd = await RunWithGeneratedAsync(h, "ADD", second, ReadGenerated(hostConfDir));
        secondAdd.ExitCode.Should().Be(0, secondAdd.Stdout + h.Logs);
        ((string)secondAdd.Json["ips"]![0]!["address"]!).Should().StartWith(h.NadSubnet[..^5]);

        (await RunWithGeneratedAsync(h, "DEL", first, generated)).ExitCode.Should().Be(0, h.Logs);
        (await RunWithGeneratedAsync(h, "DEL", second, ReadGenerated(hostConfDir))).ExitCode.Should().Be(0, h.Logs);
        h.AssertNothingLeaked();

        await h.StopDaemonAsync();
        File.Exists(Path.Combine(hostConfDir, Generated)).Should().BeFalse("removeOnExit \"always\" takes our file away on SIGTERM");
        Directory.GetFiles(hostConfDir).Select(Path.GetFileName).Should().BeEquivalentTo(["10-cluster.conflist", "05-other.conflist"]);
    }

    [RootFact]
    public async Task ReadinessFileDisappears_ConfigRemovedAndUnready_ThenBackWhenItReturns()
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        var hostConfDir = Directory.CreateDirectory(Path.Combine(h.Node.Root, "host-net.d")).FullName;
        await File.WriteAllTextAsync(Path.Combine(hostConfDir, "10-cluster.conflist"), h.ClusterConflist().ToJsonString());
        var indicator = Path.Combine(h.Node.Root, "primary-ready");
        await File.WriteAllTextAsync(indicator, "");
        var section = Section(h, hostConfDir);
        section["readinessIndicatorFile"] = indicator;
        h.DaemonConfig["cniConfig"] = section;
        await h.StartDaemonAsync();
        File.Exists(Path.Combine(hostConfDir, Generated)).Should().BeTrue();

        File.Delete(indicator);
        (await PollAsync(() => SocketClient.ReadyStatusAsync(h.SocketPath).Result == 503
            && !File.Exists(Path.Combine(hostConfDir, Generated))))
            .Should().BeTrue("without the readiness file the daemon goes unready and removes its config" + h.Logs);
        var (_, reason) = await SocketClient.SendAsync(h.SocketPath, "GET", "/readyz");
        reason.Should().Contain(indicator);

        await File.WriteAllTextAsync(indicator, "");
        (await PollAsync(() => SocketClient.ReadyStatusAsync(h.SocketPath).Result == 200
            && File.Exists(Path.Combine(hostConfDir, Generated))))
            .Should().BeTrue("the config comes back with the readiness file" + h.Logs);
    }

    private static JsonObject Section(DaemonHarness h, string hostConfDir) => new()
    {
        ["confDir"] = hostConfDir,
        ["removeOnExit"] = "always",
        ["pluginKeys"] = h.Node.PluginKeys(),
    };

    /// <summary>The multinet plugin entry of the generated conflist, as the runtime hands it to the plugin.</summary>
    internal static JsonObject ReadGenerated(string hostConfDir)
    {
        var list = JsonNode.Parse(File.ReadAllText(Path.Combine(hostConfDir, Generated)))!.AsObject();
        var plugin = list["plugins"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        var config = (JsonObject)plugin.DeepClone();
        config["cniVersion"] = list["cniVersion"]!.DeepClone();
        config["name"] = list["name"]!.DeepClone();
        return config;
    }

    private static Task<PluginProcess.Outcome> RunWithGeneratedAsync(DaemonHarness h, string command, DaemonPod pod, JsonObject config) =>
        PluginProcess.RunAsync(
            PluginProcess.Env(command, pod.ContainerId, pod.NetnsPath, "eth0", pod.Namespace, pod.Name, pod.Uid),
            config.ToJsonString());

    private static async Task<bool> PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (condition())
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The file is being replaced: look again.
            }

            await Task.Delay(50);
        }

        return false;
    }
}
