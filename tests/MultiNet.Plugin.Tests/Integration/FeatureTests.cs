using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Kubelet;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>Config keys and NPWG features, each in a real run: devices, merged results, readiness, logging.</summary>
public sealed class FeatureTests
{
    private const string DeviceInfo = """{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:00:01.0"}}""";

    [RootFact]
    public async Task Add_ResourceNameSelectedTwice_GivesEachAttachmentItsOwnDeviceAndDeviceInfo()
    {
        await using var h = await ThinModeHarness.StartAsync();
        var devinfo = Path.Combine(h.Node.Root, "devinfo");
        Directory.CreateDirectory(Path.Combine(devinfo, "dp"));
        File.WriteAllText(Path.Combine(devinfo, "dp", "example.com-dev-dev-a-device.json"), DeviceInfo);
        await using var kubelet = await FakePodResourcesServer.StartAsync(Path.Combine(h.Node.Root, "kubelet.sock"),
            [new FakePodDevice(h.PodNamespace, h.PodName, "app", "example.com/dev", ["dev-a", "dev-b"])]);
        h.ConfigOverrides["podResourcesSocket"] = kubelet.SocketPath;
        h.ConfigOverrides["deviceInfoDir"] = devinfo;
        var recorded = Path.Combine(h.Node.Root, "recorded");
        ScriptPlugins.Recording(h, "rec-macvlan", "macvlan", recorded);
        var conf = h.Macvlan("198.18.2.0/24", capabilities: new JsonObject { ["deviceID"] = true, ["CNIDeviceInfoFile"] = true });
        conf["type"] = "rec-macvlan";
        h.AddNad("sriov-like", conf, resourceName: "example.com/dev");
        h.AddPod("sriov-like, sriov-like");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        var first = Recorded(recorded, "net1-ADD");
        var second = Recorded(recorded, "net2-ADD");
        first["deviceID"]!.GetValue<string>().Should().Be("dev-a");
        second["deviceID"]!.GetValue<string>().Should().Be("dev-b");
        first["runtimeConfig"]!["deviceID"]!.GetValue<string>().Should().Be("dev-a");
        second["runtimeConfig"]!["deviceID"]!.GetValue<string>().Should().Be("dev-b");
        var infoFile = first["runtimeConfig"]!["CNIDeviceInfoFile"]!.GetValue<string>();
        infoFile.Should().StartWith(Path.Combine(devinfo, "cni") + "/");
        File.Exists(infoFile).Should().BeTrue("the device plugin's file is copied for the attachment before the delegate runs");
        kubelet.RequestCount.Should().Be(1, "one List answers every attachment of the resource");

        var status = JsonNode.Parse(h.NetworkStatus!)!.AsArray();
        status.Select(s => (string)s!["interface"]!).Should().Equal("eth0", "net1", "net2");
        JsonNode.DeepEquals(status[1]!["device-info"], JsonNode.Parse(DeviceInfo)).Should().BeTrue(status.ToJsonString());
        status[2]!["device-info"].Should().BeNull("dev-b has no device plugin file");
        status[0]!["device-info"].Should().BeNull();

        var del = await h.RunAsync("DEL");
        del.ExitCode.Should().Be(0, del.Stdout + h.Log);
        Recorded(recorded, "net1-DEL")["deviceID"]!.GetValue<string>().Should().Be("dev-a");
        Recorded(recorded, "net2-DEL")["runtimeConfig"]!["deviceID"]!.GetValue<string>().Should().Be("dev-b");
        File.Exists(infoFile).Should().BeFalse("DEL removes the attachment's device-info file");
        Directory.EnumerateFiles(devinfo, "*", SearchOption.AllDirectories).Should().ContainSingle("only the device plugin's own file remains");
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_ResultModeMerged_ListsEveryInterfaceWithIpsPointingAtTheirOwn()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.ConfigOverrides["resultMode"] = "merged";
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddNad("storage", h.BridgeConflist("storage", h.Node.BridgeName("st"), "198.18.3.0/24"));
        h.AddPod("macvlan-a, storage@data0");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        var interfaces = add.Json["interfaces"]!.AsArray();
        var ips = add.Json["ips"]!.AsArray();
        ips.Should().HaveCount(3, add.Stdout);
        var expected = new Dictionary<string, string> { ["198.18.1."] = "eth0", ["198.18.2."] = "net1", ["198.18.3."] = "data0" };
        foreach (var ip in ips)
        {
            var address = ip!["address"]!.GetValue<string>();
            var owner = interfaces[ip["interface"]!.GetValue<int>()]!;
            owner["name"]!.GetValue<string>().Should().Be(expected[address[..9]], add.Stdout);
            owner["sandbox"]!.GetValue<string>().Should().Be(h.Node.NetnsPath);
        }

        interfaces.Select(i => (string)i!["name"]!).Should().Contain(["eth0", "net1", "data0"]);
        add.Json["routes"]!.AsArray().Should().Contain(r => (string)r!["dst"]! == "0.0.0.0/0");
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_ReadinessFileMissing_FailsTransientlyUntilItAppears()
    {
        await using var h = await ThinModeHarness.StartAsync();
        var ready = Path.Combine(h.Node.Root, "cluster-ready");
        h.ConfigOverrides["readinessindicatorfile"] = ready;
        h.ConfigOverrides["readinessTimeoutSeconds"] = 1;
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");
        var status = JsonNode.Parse(h.Config())!.AsObject();
        status["cniVersion"] = "1.1.0";

        var started = Stopwatch.StartNew();
        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().NotBe(0);
        add.Json["code"]!.GetValue<int>().Should().Be(11);
        add.Json["msg"]!.GetValue<string>().Should().Contain(ready);
        started.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.9), "ADD waits readinessTimeoutSeconds");
        h.Api.Requests.Should().BeEmpty("nothing is looked up before the cluster network is ready");
        h.Node.AssertNothingLeaked();
        var notReady = await h.RunAsync("STATUS", config: status.ToJsonString(), netns: null);
        notReady.ExitCode.Should().NotBe(0);
        notReady.Json["code"]!.GetValue<int>().Should().Be(50);
        notReady.Json["msg"]!.GetValue<string>().Should().Contain(ready);

        File.WriteAllText(ready, "");
        var isReady = await h.RunAsync("STATUS", config: status.ToJsonString(), netns: null);
        isReady.ExitCode.Should().Be(0, isReady.Stdout);
        isReady.Stdout.Should().BeEmpty();
        var retried = await h.RunAsync("ADD");
        retried.ExitCode.Should().Be(0, retried.Stdout + h.Log);
        h.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1");
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_LogLevelDebug_LogsTheAddToTheFileAndKeepsStdoutTheResult()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout);
        add.Json.Select(p => p.Key).Should().BeSubsetOf(["cniVersion", "interfaces", "ips", "routes", "dns"]);
        var lines = h.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty();
        lines.Should().OnlyContain(l => l.Contains($"ADD {h.ContainerId}", StringComparison.Ordinal));
        h.Log.Should().Contain("cluster").And.Contain("team-a/macvlan-a").And.Contain("[debug]");
        add.Stderr.Should().NotContain("[debug]").And.NotContain("[info]", "logToStderr is false");
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Log.Should().Contain($"DEL {h.ContainerId}");
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_LogLevelPanic_LogsNothingEvenOnFailure()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.ConfigOverrides["logLevel"] = "panic";
        h.ConfigOverrides["logToStderr"] = true;
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");

        var add = await h.RunAsync("ADD");
        h.Api.SetPodAnnotation(h.PodNamespace, h.PodName, "k8s.v1.cni.cncf.io/networks", "ghost");
        var del = await h.RunAsync("DEL");
        var failed = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout);
        JsonNode.Parse(add.Stdout)!["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
        del.ExitCode.Should().Be(0);
        failed.Json["code"]!.GetValue<int>().Should().Be(100);
        h.Log.Should().BeEmpty("logLevel panic writes nothing");
        (add.Stderr + del.Stderr + failed.Stderr).Should().NotContain("ADD " + h.ContainerId);
        h.Node.AssertNothingLeaked();
    }

    private static JsonObject Recorded(string dir, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, name + ".json")))!.AsObject();
}
