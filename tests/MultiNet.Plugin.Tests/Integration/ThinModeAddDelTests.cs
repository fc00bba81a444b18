using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>ADD and DEL through the published multinet binary, real reference plugins, a fresh netns, the API stand-in.</summary>
public sealed class ThinModeAddDelTests
{
    [RootFact]
    public async Task Add_TextForm_AttachesClusterAndTwoNadsAndWritesStatus()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddNad("storage", h.BridgeConflist("storage", h.Node.BridgeName("st"), "198.18.3.0/24", extraPlugins: new JsonObject { ["type"] = "tuning", ["mtu"] = 1400 }));
        h.AddPod("macvlan-a, storage@data0");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        var result = add.Json;
        result["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
        ((JsonArray)result["ips"]!)[0]!["address"]!.GetValue<string>().Should().StartWith("198.18.1.");
        h.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1", "data0");
        Shell.Check("ip", "-n", h.Node.NetnsName, "link", "show", "data0").Should().Contain("mtu 1400");

        var status = JsonNode.Parse(h.NetworkStatus!)!.AsArray();
        status.Select(s => (string)s!["name"]!).Should().Equal("cluster", "team-a/macvlan-a", "team-a/storage");
        status.Select(s => (string)s!["interface"]!).Should().Equal("eth0", "net1", "data0");
        status[0]!["default"]!.GetValue<bool>().Should().BeTrue();
        status[1]!["default"]!.GetValue<bool>().Should().BeFalse();
        ((string)status[1]!["ips"]![0]!).Should().StartWith("198.18.2.");

        h.Api.Events.Should().ContainSingle(e => (string)e["reason"]! == "AddedInterface");
        h.Api.Count("GET", "/pods/").Should().Be(1);
        h.Api.Count("GET", "/network-attachment-definitions/").Should().Be(2);
        h.Api.Count("PATCH", "/pods/").Should().Be(1);

        var del = await h.RunAsync("DEL");
        del.ExitCode.Should().Be(0, del.Stdout);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_JsonFormWithStaticIpAndMac_AppliesThemThroughCapabilities()
    {
        await using var h = await ThinModeHarness.StartAsync();
        var conflist = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["plugins"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "macvlan", ["master"] = h.MacvlanMaster, ["mode"] = "bridge",
                    ["ipam"] = new JsonObject { ["type"] = "static" },
                    ["capabilities"] = new JsonObject { ["ips"] = true },
                },
                new JsonObject { ["type"] = "tuning", ["capabilities"] = new JsonObject { ["mac"] = true } }),
        };
        h.AddNad("static-net", conflist);
        h.AddPod("""[{"name": "static-net", "interface": "st0", "ips": ["198.18.4.10/24"], "mac": "02:00:00:00:04:10"}]""");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        var link = Shell.Check("ip", "-n", h.Node.NetnsName, "addr", "show", "st0");
        link.Should().Contain("198.18.4.10/24").And.Contain("02:00:00:00:04:10");
        var status = JsonNode.Parse(h.NetworkStatus!)!.AsArray();
        status[1]!["mac"]!.GetValue<string>().Should().Be("02:00:00:00:04:10");
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_CapabilityNoPluginDeclares_FailsNamingTheNetworkAndLeavesNothing()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("plain", h.Macvlan("198.18.2.0/24"));
        h.AddPod("""[{"name": "plain", "mac": "02:00:00:00:00:01"}]""");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().NotBe(0);
        add.Json["code"]!.GetValue<int>().Should().Be(107);
        add.Json["msg"]!.GetValue<string>().Should().Contain("team-a/plain").And.Contain("\"mac\"");
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_EmptySpecConfig_UsesTheConfDirFileWithThatName()
    {
        await using var h = await ThinModeHarness.StartAsync();
        var onDisk = h.Macvlan("198.18.5.0/24");
        onDisk["name"] = "disk-net";
        File.WriteAllText(Path.Combine(h.Node.ConfDir, "10-disk.conf"), onDisk.ToJsonString());
        h.Api.AddNad(h.PodNamespace, "disk-net", config: null);
        h.AddPod("disk-net");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        Shell.Check("ip", "-n", h.Node.NetnsName, "addr", "show", "net1").Should().Contain("198.18.5.");
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_DefaultRouteOnSecondary_MovesThePodsDefaultRoute()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("egress", h.Macvlan("198.18.6.0/24", "198.18.6.1"));
        h.AddPod("""[{"name": "egress", "default-route": ["198.18.6.1"]}]""");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        var routes = Shell.Check("ip", "-n", h.Node.NetnsName, "route", "show", "default");
        routes.Trim().Should().Be("default via 198.18.6.1 dev net1");
        var status = JsonNode.Parse(h.NetworkStatus!)!.AsArray();
        status[1]!["gateway"]![0]!.GetValue<string>().Should().Be("198.18.6.1");
        status[0]!["gateway"].Should().BeNull();
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_NamespaceIsolation_RefusesAnotherNamespacesNad()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.ConfigOverrides["namespaceIsolation"] = true;
        h.AddNad("shared", h.Macvlan("198.18.2.0/24"), ns: "other");
        h.AddNad("global", h.Macvlan("198.18.7.0/24"), ns: "default");
        h.AddPod("other/shared");

        var refused = await h.RunAsync("ADD");

        refused.ExitCode.Should().NotBe(0);
        refused.Json["code"]!.GetValue<int>().Should().Be(106);
        refused.Json["msg"]!.GetValue<string>().Should().Contain("other/shared");
        h.Node.AssertNothingLeaked();

        h.Api.SetPodAnnotation(h.PodNamespace, h.PodName, "k8s.v1.cni.cncf.io/networks", "default/global");
        var allowed = await h.RunAsync("ADD");
        allowed.ExitCode.Should().Be(0, allowed.Stdout + h.Log);
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Del_PodNadAndApiGone_TearsDownFromTheCheckpointAndIsIdempotent()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");
        (await h.RunAsync("ADD")).ExitCode.Should().Be(0);
        h.Node.Leases().Should().HaveCount(2);
        h.Node.Checkpoints().Should().ContainSingle();

        h.Api.DeletePod(h.PodNamespace, h.PodName);
        h.Api.DeleteNad(h.PodNamespace, "macvlan-a");
        await h.Api.StopAsync();

        var del = await h.RunAsync("DEL");
        del.ExitCode.Should().Be(0, del.Stdout + h.Log);
        h.Node.AssertNothingLeaked();

        var again = await h.RunAsync("DEL");
        again.ExitCode.Should().Be(0, again.Stdout);
        var noNetns = await h.RunAsync("DEL", netns: null);
        noNetns.ExitCode.Should().Be(0, noNetns.Stdout);
    }

    [RootFact]
    public async Task Check_AfterAdd_PassesAndFailsOnceAnInterfaceIsGone()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");
        (await h.RunAsync("ADD")).ExitCode.Should().Be(0);

        var ok = await h.RunAsync("CHECK");
        ok.ExitCode.Should().Be(0, ok.Stdout + h.Log);
        ok.Stdout.Should().BeEmpty();

        Shell.Check("ip", "-n", h.Node.NetnsName, "link", "del", "net1");
        var broken = await h.RunAsync("CHECK");
        broken.ExitCode.Should().NotBe(0);
        broken.Json["msg"]!.GetValue<string>().Should().Contain("net1");

        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Gc_ContainerNotListed_TearsDownItsAttachmentsAndCheckpoint()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");
        (await h.RunAsync("ADD")).ExitCode.Should().Be(0);

        var keep = JsonNode.Parse(h.Config())!.AsObject();
        keep["cniVersion"] = "1.1.0";
        keep["cni.dev/valid-attachments"] = new JsonArray(new JsonObject { ["containerID"] = h.ContainerId, ["ifname"] = "eth0" });
        var kept = await h.RunAsync("GC", config: keep.ToJsonString(), netns: null);
        kept.ExitCode.Should().Be(0, kept.Stdout + h.Log);
        h.Node.Checkpoints().Should().ContainSingle("a listed container keeps its attachments");

        var gc = JsonNode.Parse(h.Config())!.AsObject();
        gc["cniVersion"] = "1.1.0";
        gc["cni.dev/attachments"] = new JsonArray();
        var collected = await h.RunAsync("GC", config: gc.ToJsonString(), netns: null);
        collected.ExitCode.Should().Be(0, collected.Stdout + h.Log);
        h.Node.Checkpoints().Should().BeEmpty();
        h.Node.Leases().Should().BeEmpty();
        h.Node.LinksInNetns().Should().BeEmpty("the netns is still the one the ADD used, so GC's delegates went in");
    }

    [RootFact]
    public async Task Gc_NetnsPathNowNamesAnotherNamespace_FreesTheAddressesWithoutEnteringIt()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddPod(null);
        (await h.RunAsync("ADD")).ExitCode.Should().Be(0);
        // As if the recorded path (a /proc/<pid>/ns/net of a pid since reused) now named another pod's namespace.
        var path = h.Node.Checkpoints().Single();
        var checkpoint = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        ((string)checkpoint["netnsId"]!).Should().MatchRegex("^[0-9]+:[0-9]+:[0-9]+$", "ADD records which namespace it used");
        checkpoint["netnsId"] = "0:0:1";
        File.WriteAllText(path, checkpoint.ToJsonString());

        var gc = JsonNode.Parse(h.Config())!.AsObject();
        gc["cniVersion"] = "1.1.0";
        gc["cni.dev/valid-attachments"] = new JsonArray();
        var collected = await h.RunAsync("GC", config: gc.ToJsonString(), netns: null);

        collected.ExitCode.Should().Be(0, collected.Stdout + h.Log);
        h.Node.Checkpoints().Should().BeEmpty();
        h.Node.Leases().Should().BeEmpty();
        h.Node.LinksInNetns().Should().Equal(["eth0"], "GC does not go into a namespace that is not the pod's any more");
    }

    [RootFact]
    public async Task Add_NoKubernetes_RunsTheDelegatesOnly()
    {
        await using var h = await ThinModeHarness.StartAsync();

        var add = await h.RunAsync("ADD", withKubernetes: false);

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        h.Node.LinksInNetns().Should().Equal("eth0");
        h.Api.Requests.Should().BeEmpty();
        (await h.RunAsync("DEL", withKubernetes: false)).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Del_ContainerIdTooLongToHaveBeenAdded_SucceedsWithoutTouchingAnything()
    {
        await using var h = await ThinModeHarness.StartAsync();
        Directory.CreateDirectory(h.Node.CniDir);
        var env = PluginProcess.Env("DEL", new string('c', 300), h.Node.NetnsPath, "eth0", h.PodNamespace, h.PodName, null);

        var del = await PluginProcess.RunAsync(env, h.Config());

        del.ExitCode.Should().Be(0, del.Stdout + h.Log);
        del.Stdout.Should().BeEmpty();
        h.Log.Should().Contain("nothing to tear down");
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Gc_ContainerBusyWithAnotherOperation_IsLeftForALaterGc()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddPod(null);
        (await h.RunAsync("ADD")).ExitCode.Should().Be(0);
        var gc = JsonNode.Parse(h.Config())!.AsObject();
        gc["cniVersion"] = "1.1.0";
        gc["cni.dev/valid-attachments"] = new JsonArray();
        // Another operation on the container, as far as the lock can tell (flock(1) holds the container's lock file).
        var lockFile = Path.Combine(h.Node.CniDir, $".{h.ContainerId}.lock");
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "flock", ["--close", lockFile, "sh", "-c", "echo locked; exec sleep 30"]) { RedirectStandardOutput = true })!;
        try
        {
            (await holder.StandardOutput.ReadLineAsync()).Should().Be("locked");

            var busy = await h.RunAsync("GC", config: gc.ToJsonString(), netns: null);

            busy.ExitCode.Should().Be(0, busy.Stdout + h.Log);
            h.Node.LinksInNetns().Should().Equal(["eth0"], "a container with a running operation is not stale");
            h.Log.Should().Contain($"GC: {h.ContainerId} is busy with another operation");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }

        var later = await h.RunAsync("GC", config: gc.ToJsonString(), netns: null);

        later.ExitCode.Should().Be(0, later.Stdout + h.Log);
        h.Node.AssertNothingLeaked();
    }
}
