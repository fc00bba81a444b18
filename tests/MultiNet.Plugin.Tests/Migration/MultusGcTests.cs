using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Plugin.Tests.Faults;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Migration;

/// <summary>
/// GC (CNI 1.1) with Multus caches on the node: a Multus-attached container the runtime does not list is torn down like
/// one of ours (its addresses freed, Multus's files removed), as are result files Multus left without a scratch cache;
/// a listed one is kept.
/// </summary>
public sealed class MultusGcTests
{
    [RootTheory]
    [InlineData("thin")]
    [InlineData("thick")]
    public async Task Gc_MultusContainers_TearsDownTheUnlistedKeepsTheListed(string path)
    {
        await using var h = await MultusPods.StartAsync(path);
        var kept = await MultusPods.TextFormAsync(h, sharedCniDir: false);
        var keptLeases = h.Node.Leases();
        var staleNetns = $"mnt-{h.Node.Id}-gc";
        Shell.Check("ip", "netns", "add", staleNetns);
        try
        {
            var stale = new MultusNode(kept.CniDir, "stale-" + h.Node.Id, $"/var/run/netns/{staleNetns}", h.PodNamespace, "pod-gone", "uid-gone");
            await stale.AttachAsync(h.ClusterDelegate, "cluster");
            await stale.AttachAsync(h.BridgeConflist("mnu-a", h.Node.BridgeName("ua"), "198.18.193.0/24"), $"{h.PodNamespace}/mnu-a");
            var orphan = new MultusNode(kept.CniDir, "orphan-" + h.Node.Id, $"/var/run/netns/{staleNetns}", h.PodNamespace, "pod-old", "uid-old");
            await orphan.AttachAsync(h.BridgeConflist("mnu-o", h.Node.BridgeName("uo"), "198.18.197.0/24"), "mnu-o", clusterIfName: "eth9");
            File.Delete(orphan.CachePath); // result files only: what a lost scratch cache leaves
            h.Node.Leases().Should().HaveCount(keptLeases.Count + 3);

            var gc = JsonNode.Parse(h.Config())!.AsObject();
            gc["cniVersion"] = "1.1.0";
            gc["cni.dev/valid-attachments"] = new JsonArray(new JsonObject { ["containerID"] = h.ContainerId, ["ifname"] = "eth0" });
            var collected = await h.RunAsync("GC", config: gc.ToJsonString(), netns: null);

            collected.ExitCode.Should().Be(0, FaultAssertions.Context(h, collected));
            stale.Files().Should().BeEmpty();
            orphan.Files().Should().BeEmpty();
            h.Node.Leases().Should().BeEquivalentTo(keptLeases, "only the listed pod's addresses are still held");
            kept.Files().Should().HaveCount(4, "the listed pod keeps its scratch cache and three result files");
            h.Node.LinksInNetns().Should().BeEquivalentTo(["eth0", "net1", "data0"]);

            (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
            kept.Files().Should().BeEmpty();
            h.Node.AssertNothingLeaked();
        }
        finally
        {
            Shell.Run("ip", "netns", "del", staleNetns);
        }
    }
}
