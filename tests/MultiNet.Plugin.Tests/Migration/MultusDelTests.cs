using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Plugin.Tests.Faults;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Migration;

/// <summary>
/// DEL of pods Multus attached before the switch (no MultiNet checkpoint): everything Multus set up is torn down from
/// its scratch cache and libcni's result files — interfaces, host-local leases, Multus's files — in thin mode, thick
/// mode and by the shim with the daemon down; DEL twice is fine; the pod and NADs may be gone from the API.
/// </summary>
public sealed class MultusDelTests
{
    public static TheoryData<string, bool> EveryShapeCells()
    {
        var data = new TheoryData<string, bool>();
        foreach (var path in MultusPods.Paths)
        {
            data.Add(path, false);
            data.Add(path, true);
        }

        return data;
    }

    [RootTheory]
    [MemberData(nameof(MultusPods.Paths), MemberType = typeof(MultusPods))]
    public async Task Del_ClusterNetworkOnly_FreesItAndRemovesMultusFiles(string path)
    {
        await using var h = await MultusPods.StartAsync(path);
        var multus = await MultusPods.ClusterOnlyAsync(h, sharedCniDir: false);
        h.Node.LinksInNetns().Should().BeEquivalentTo("eth0");
        h.Node.Leases().Should().ContainSingle();

        await MultusPods.BeforeDelAsync(h, path);
        await DelFreesEverythingAsync(h, multus);
        MultusPods.AssertDeletedBy(h, path);
    }

    /// <param name="apiObjectsDeleted">
    /// The pod and its NADs deleted from the API before the DEL; Multus's caches then sit in the migrated config's
    /// <c>cniDir</c>, shared with MultiNet's checkpoints (else in their own folder named by <c>multusCniDir</c>).
    /// </param>
    [RootTheory]
    [MemberData(nameof(EveryShapeCells))]
    public async Task Del_EveryShapeOfNetwork_FreesAllInReverseAndRemovesMultusFiles(string path, bool apiObjectsDeleted)
    {
        await using var h = await MultusPods.StartAsync(path);
        var multus = await MultusPods.EveryShapeAsync(h, sharedCniDir: apiObjectsDeleted);
        h.Node.LinksInNetns().Should().BeEquivalentTo(["eth0", "net1", "data0", "st0", "net4", "net5"]);
        h.Node.Leases().Should().HaveCount(5, "host-local leases for all but the static address");
        Shell.Check("ip", "-n", h.Node.NetnsName, "addr", "show", "st0").Should().Contain(MultusPods.StaticAddress);
        if (apiObjectsDeleted)
        {
            h.Api.DeletePod(h.PodNamespace, h.PodName);
            foreach (var nad in new[] { "mnu-a", "mnu-b", "mnu-static", "mnu-conf" })
            {
                h.Api.DeleteNad(h.PodNamespace, nad);
            }
        }

        await MultusPods.BeforeDelAsync(h, path);
        await DelFreesEverythingAsync(h, multus);
        MultusPods.AssertDeletedBy(h, path);
        h.Log.Should().Contain("tearing down the 6 attachment(s) Multus recorded in " + multus.CachePath);
        var order = new[] { "net5", "net4", "st0", "data0", "net1", "eth0" }
            .Select(i => h.Log.IndexOf($"on {i} ", StringComparison.Ordinal)).ToList();
        order.Should().NotContain(-1, "every delegate's DEL is logged").And.BeInAscendingOrder("DEL runs in Multus's reverse order");
    }

    [RootFact]
    public async Task Check_MultusPod_ChecksEachDelegateWithItsCachedResult()
    {
        await using var h = await MultusPods.StartAsync("thin");
        var multus = await MultusPods.TextFormAsync(h, sharedCniDir: false);

        var check = await h.RunAsync("CHECK");
        check.ExitCode.Should().Be(0, FaultAssertions.Context(h, check));

        Shell.Check("ip", "-n", h.Node.NetnsName, "link", "del", "data0");
        var broken = await h.RunAsync("CHECK");
        broken.ExitCode.Should().NotBe(0, FaultAssertions.Context(h, broken));
        broken.Json["msg"]!.GetValue<string>().Should().Contain("interface \"data0\" is missing");

        await DelFreesEverythingAsync(h, multus);
    }

    [RootFact]
    public async Task Del_MultusPod_GivesEachDelegateTheConfigCniArgsAndPrevResultItHad()
    {
        await using var h = await MultusPods.StartAsync("thin");
        h.AddPod(null);
        var records = Path.Combine(h.Node.Root, "records");
        Directory.CreateDirectory(records);
        ScriptPlugins.Install(h, "mnu-recorder", $"""
            cat > "{records}/$CNI_IFNAME-$CNI_COMMAND.json"
            echo "$CNI_ARGS" > "{records}/$CNI_IFNAME-$CNI_COMMAND.args"
            exec /usr/lib/cni/macvlan < "{records}/$CNI_IFNAME-$CNI_COMMAND.json"
            """);
        var fixedIp = h.Macvlan("198.18.196.0/24");
        fixedIp["name"] = "mnu-static";
        fixedIp["type"] = "mnu-recorder";
        fixedIp["ipam"] = new JsonObject { ["type"] = "static" };
        fixedIp["vendorKey"] = "kept as Multus ran it";
        var multus = MultusPods.Node(h, sharedCniDir: false, pluginDirs: [(string)h.ConfigOverrides["binDir"]!, RepoLayout.ReferencePlugins]);
        await multus.AttachAsync(h.ClusterDelegate, "cluster");
        await multus.AttachAsync(fixedIp, $"{h.PodNamespace}/mnu-static", "st0", [MultusPods.StaticAddress]);

        await DelFreesEverythingAsync(h, multus);

        var del = JsonNode.Parse(File.ReadAllText(Path.Combine(records, "st0-DEL.json")))!.AsObject();
        del["vendorKey"]!.GetValue<string>().Should().Be("kept as Multus ran it", "the delegate gets the exact config it ran");
        del["prevResult"]!["ips"]![0]!["address"]!.GetValue<string>().Should().Be(MultusPods.StaticAddress, "its cached result is the prevResult");
        File.ReadAllText(Path.Combine(records, "st0-DEL.args")).Trim().Should()
            .Be($"IgnoreUnknown=true;K8S_POD_NAMESPACE={h.PodNamespace};K8S_POD_NAME={h.PodName};K8S_POD_INFRA_CONTAINER_ID={h.ContainerId};K8S_POD_UID={h.PodUid};IP={MultusPods.StaticAddress}",
                "the CNI_ARGS it had, Multus's IP= included");
    }

    private static async Task DelFreesEverythingAsync(ThinModeHarness h, MultusNode multus)
    {
        multus.Files().Should().NotBeEmpty();
        var del = await h.RunAsync("DEL");
        del.ExitCode.Should().Be(0, FaultAssertions.Context(h, del));
        del.Stdout.Should().BeEmpty();
        multus.Files().Should().BeEmpty("Multus's scratch cache and result files go once everything is torn down");
        h.Node.AssertNothingLeaked();

        var again = await h.RunAsync("DEL");
        again.ExitCode.Should().Be(0, FaultAssertions.Context(h, again));
        h.Node.AssertNothingLeaked();
    }
}
